import torch
import torch.nn as nn
import torch.optim as optim
model = nn.Sequential(nn.Linear(2, 2), nn.Linear(2, 1))
opt = optim.SGD([
    {"params": model[0].parameters()},
    {"params": model[1].parameters(), "lr": 0.001},
], lr=0.1, momentum=0.9)
for g in opt.param_groups:
    print(g["lr"], g["momentum"], len(g["params"]))
print(opt.state_dict()["param_groups"])
