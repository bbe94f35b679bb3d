import torch
import torch.optim as optim
opt = optim.SGD(torch.ones(2, requires_grad=True), lr=0.1)
