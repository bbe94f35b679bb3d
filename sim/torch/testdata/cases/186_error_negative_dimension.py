import torch
print(torch.zeros(0).shape)
torch.zeros(2, -1)
