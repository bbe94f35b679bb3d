import torch
x = torch.tensor([0.1, 0.2, 0.3], dtype=torch.float64)
print(x)
print(x.sum())
print(torch.tensor([1e-20, 1.0], dtype=torch.float64))
print(torch.tensor([[1.0, 2.0], [3.0, 4.5]], dtype=torch.float64))
