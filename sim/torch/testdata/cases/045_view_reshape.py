import torch
x = torch.arange(12)
print(x.view(3, 4))
print(x.reshape(2, -1))
print(x.view(2, 2, 3).shape)
print(x.reshape(4, 3).flatten())
y = x.view(3, 4)
y[0, 0] = 100
print(x[:3])
