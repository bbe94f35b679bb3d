import torch
import torch.nn as nn
torch.manual_seed(0)
model = nn.Sequential(nn.Linear(2, 2), nn.Linear(2, 1))
model[0].requires_grad_(False)
for name, p in model.named_parameters():
    print(name, p.requires_grad)
trainable = [p for p in model.parameters() if p.requires_grad]
print(len(trainable))
print(model[0].weight)
