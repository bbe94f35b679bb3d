import torch
print(torch.arange(30) * 1.5)
print(torch.arange(40))
print(torch.linspace(-1, 1, 25))
