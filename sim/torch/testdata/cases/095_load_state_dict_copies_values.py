import torch
import torch.nn as nn
a = nn.Linear(2, 1)
b = nn.Linear(2, 1)
w = b.weight
sd = a.state_dict()
b.load_state_dict(sd)
print(w is b.weight)
with torch.no_grad():
    a.weight.add_(1)
print(torch.equal(a.weight, b.weight))
