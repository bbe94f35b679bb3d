import torch
import torch.nn as nn
m = nn.Linear(2, 2)
with torch.no_grad():
    m.weight[0, 0] = 1.0
print(m.weight[0, 0].item())
x = torch.ones(3, requires_grad=True)
y = x * 2
y[0] = 5
print(y)
m.weight[0, 0] = 2.0
