import torch.optim as optim
opt = optim.SGD([], lr=0.1)
