import torch
import torch.nn as nn
torch.manual_seed(0)
model = nn.Linear(2, 1)
print(model)
print(model.weight)
print(model.bias)
