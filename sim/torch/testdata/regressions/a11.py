import torch
torch.manual_seed(1)
print(torch.randint(0, 10, (5,)), torch.randperm(6), torch.rand(2, 2), torch.randn(3))
print(torch.initial_seed())
g = torch.Generator().manual_seed(3)
print(torch.linspace(0, 1, 5), torch.arange(0, 1, 0.25), torch.eye(2), torch.full((2,), 7))
print(torch.zeros_like(torch.ones(2, dtype=torch.int64)), torch.ones_like(torch.zeros(1)))
