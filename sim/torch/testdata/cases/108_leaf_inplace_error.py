import torch
w = torch.ones(2, requires_grad=True)
w.add_(1)
