import torch
import torch.nn as nn
torch.manual_seed(0)
model = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 2))
print(model)
print(len(model))
print(model[0])
print(model[-1].weight.shape)
print(model[1:])
for layer in model:
    print(type(layer).__name__)
