import torch
x = torch.arange(12)
print(x.reshape(-1, 4).shape)
x.reshape(-1, -1)
