import torch
a = torch.zeros(2)
b = torch.zeros(3)
print(torch.stack([a, a]).shape)
torch.stack([a, b])
