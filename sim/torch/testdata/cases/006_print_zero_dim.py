import torch
x = torch.tensor(2.5)
print(x, x.dim(), x.shape, x.item())
print(torch.tensor(1e-8))
print(torch.tensor(-0.0))
print(torch.tensor(10, dtype=torch.int32))
print(torch.tensor(2.0, dtype=torch.float64))
