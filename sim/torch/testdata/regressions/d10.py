import torch
t = torch.ones(2, 2)
print(t.item())
