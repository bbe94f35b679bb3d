import torch
import torch.nn as nn
torch.manual_seed(0)
a = nn.Linear(2, 1)
b = nn.Linear(2, 1)
print(b.load_state_dict(a.state_dict()))
print(torch.equal(a.weight, b.weight))
r = b.load_state_dict(a.state_dict())
print(r.missing_keys, r.unexpected_keys)
