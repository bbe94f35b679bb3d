import torch
import torch.nn as nn
model = nn.Linear(2, 1)
w = model.weight
sd = {"weight": torch.ones(1, 2), "bias": torch.zeros(1)}
print(model.load_state_dict(sd))
print(w is model.weight, model.weight)
