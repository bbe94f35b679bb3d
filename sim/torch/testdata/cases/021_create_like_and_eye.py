import torch
x = torch.tensor([[1.5, 2.5], [3.5, 4.5]])
print(torch.zeros_like(x))
print(torch.ones_like(x, dtype=torch.int32))
print(torch.full_like(x, 9))
print(torch.eye(3))
print(torch.eye(2, 3))
print(torch.empty(2, 3).shape)
