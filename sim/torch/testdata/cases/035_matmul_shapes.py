import torch
a = torch.arange(6.0).reshape(2, 3)
b = torch.arange(12.0).reshape(3, 4)
print(a @ b)
print(torch.matmul(a, b).shape)
v = torch.tensor([1.0, 0.0, -1.0])
print(a @ v)
print(v @ v)
print(torch.mm(a, b))
