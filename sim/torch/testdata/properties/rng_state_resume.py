# Saving the RNG state and restoring it continues the same sequence, for
# every kind of draw, several seeds and sizes (both normal paths: below 16
# elements and from 16 on), directly and through a checkpoint file.
import torch

def draws(n):
    return [torch.rand(n), torch.randn(n), torch.randint(0, 1000, (n,)), torch.randperm(n), torch.empty(n).uniform_(-2, 3), torch.empty(n).normal_(1, 2)]

results = []
for seed in [0, 1, 42, 2024]:
    for n in [1, 5, 15, 16, 17, 100]:
        torch.manual_seed(seed)
        draws(n)
        state = torch.get_rng_state()
        torch.save({'rng': state}, 'rng.pth')
        first = draws(n)
        torch.set_rng_state(state)
        again = draws(n)
        torch.set_rng_state(torch.load('rng.pth')['rng'])
        loaded = draws(n)
        results.append(all(torch.equal(a, b) and torch.equal(a, c) for a, b, c in zip(first, again, loaded)))
print(len(results), all(results))
torch.manual_seed(7)
print(torch.initial_seed(), torch.get_rng_state().shape, torch.get_rng_state().dtype)
