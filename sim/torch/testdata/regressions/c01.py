import torch
import torch.nn as nn
import torch.optim as optim
torch.manual_seed(0)
m = nn.Linear(2, 1)
o = optim.SGD(m.parameters(), lr=0.1, momentum=0.9)
print(o.state)
m(torch.ones(1, 2)).sum().backward()
o.step()
print(o.state)
print(len(o.state), o.state[m.weight])
print(o.param_groups)
print(o.defaults)
a = optim.Adam([{'params': [m.weight]}, {'params': [m.bias], 'lr': 0.5}], lr=0.01)
print(a)
print(a.state_dict())
a.step()
print(a.state_dict()['state'])
