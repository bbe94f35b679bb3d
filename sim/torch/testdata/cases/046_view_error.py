import torch
x = torch.arange(12)
y = x.view(5, 3)
