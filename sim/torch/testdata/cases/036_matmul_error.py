import torch
x = torch.ones(1, 3)
w = torch.ones(2, 1)
y = x @ w
