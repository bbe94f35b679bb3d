import torch
x = torch.ones(2, 3)
y = torch.ones(4)
torch.cat([x, y])
