import torch
import torch.nn as nn
torch.manual_seed(0)
model = nn.Linear(2, 1)
model(torch.ones(1, 2)).sum().backward()
print(model.weight.grad)
model.zero_grad()
print(model.weight.grad)
