import torch
import torch.nn as nn
torch.manual_seed(0)
model = nn.Linear(2, 1)
sd = model.state_dict()
print(sd.keys())
print(sd)
print(type(sd).__name__)
