import torch
import torch.nn as nn
import torch.optim as optim
torch.manual_seed(0)
model = nn.Linear(2, 1)
opt = optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
model(torch.ones(3, 2)).sum().backward()
opt.step()
sd = opt.state_dict()
opt2 = optim.SGD(model.parameters(), lr=0.5)
opt2.load_state_dict(sd)
print(opt2.param_groups[0]["lr"], opt2.param_groups[0]["momentum"])
print(opt2.state_dict()["state"])
