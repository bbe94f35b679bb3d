import torch
for seed in [0, 1, 42, 2024]:
    torch.manual_seed(seed)
    print(seed, torch.rand(5))
