import copy
import torch
import torch.nn as nn
torch.manual_seed(0)
model = nn.Sequential(nn.Linear(2, 2), nn.ReLU())
clone = copy.deepcopy(model)
with torch.no_grad():
    model[0].weight.fill_(0.0)
print(clone[0].weight)
print(model[0].weight)
print(clone)
