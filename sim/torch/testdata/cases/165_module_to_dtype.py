import torch
import torch.nn as nn
torch.manual_seed(0)
model = nn.Linear(2, 1)
model.to(torch.float64)
print(model.weight.dtype)
print(model.weight)
print(model(torch.ones(1, 2, dtype=torch.float64)))
m2 = model.to("cpu")
print(m2 is model)
model.float()
print(model.bias.dtype)
