import torch
x = torch.tensor([1.0, 2.0, 3.0])
c = x.clone()
d = x.detach()
v = x[1:]
x[1] = 20
print(c, d, v)
print(x.data)
x.data[0] = -1
print(x)
