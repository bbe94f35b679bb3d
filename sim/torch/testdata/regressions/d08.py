import torch
import torch.optim as optim
optim.SGD([], lr=0.1)
