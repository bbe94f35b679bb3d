import torch
import torch.nn as nn
import torch.optim as optim
a = nn.Linear(2, 1)
b = nn.Linear(1, 1)
opt = optim.SGD(a.parameters(), lr=0.1)
opt.add_param_group({"params": b.parameters(), "lr": 0.01})
print(len(opt.param_groups))
print(opt.state_dict()["param_groups"])
