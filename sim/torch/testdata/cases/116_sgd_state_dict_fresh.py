import torch
import torch.nn as nn
import torch.optim as optim
model = nn.Linear(2, 1)
opt = optim.SGD(model.parameters(), lr=0.1)
print(opt.state_dict())
