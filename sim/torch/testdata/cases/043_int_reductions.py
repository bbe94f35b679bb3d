import torch
x = torch.tensor([[1, 2], [3, 4]])
print(x.sum(), x.sum().dtype)
print(x.max(), x.argmax())
print(x.float().mean())
print(torch.arange(10).sum())
