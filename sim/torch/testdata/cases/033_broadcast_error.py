import torch
a = torch.ones(3)
b = torch.ones(2)
print(a.shape, b.shape)
c = a + b
