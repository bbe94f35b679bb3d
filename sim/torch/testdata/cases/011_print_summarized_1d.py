import torch
print(torch.arange(1001))
print(torch.arange(2000) / 3)
print(torch.arange(1000))
