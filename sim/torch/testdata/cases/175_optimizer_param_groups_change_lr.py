import torch.nn as nn
import torch.optim as optim
opt = optim.SGD(nn.Linear(2, 1).parameters(), lr=0.1)
for g in opt.param_groups:
    g["lr"] = 0.01
print(opt.param_groups[0]["lr"])
print(opt.state_dict()["param_groups"][0]["lr"])
print(opt.defaults["lr"])
