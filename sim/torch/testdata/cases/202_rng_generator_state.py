import torch
g = torch.Generator().manual_seed(42)
torch.rand(2, generator=g)
s = g.get_state()
a = torch.rand(3, generator=g)
g.set_state(s)
b = torch.rand(3, generator=g)
print(torch.equal(a, b), s.shape)
