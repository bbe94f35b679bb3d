import torch
torch.manual_seed(7)
print(torch.randn(4, 5))
print(torch.randn(100)[:10])
print(torch.randn(1000).sum())
print(torch.randn(3, 3, dtype=torch.float64))
