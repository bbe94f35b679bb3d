import torch
import torch.nn as nn
torch.manual_seed(0)
model = nn.Linear(2, 1)
print(list(model.parameters()))
print(dict(model.named_parameters()))
