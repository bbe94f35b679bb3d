import torch
x = torch.arange(3)
print(x[2])
print(x[3])
