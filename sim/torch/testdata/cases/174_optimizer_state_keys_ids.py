import torch
import torch.nn as nn
import torch.optim as optim
model = nn.Sequential(nn.Linear(2, 3), nn.ReLU(), nn.Linear(3, 1))
opt = optim.Adam(model.parameters())
model(torch.ones(4, 2)).sum().backward()
opt.step()
sd = opt.state_dict()
print(list(sd.keys()))
print(list(sd["state"].keys()))
print(sd["param_groups"][0]["params"])
print({k: tuple(v["exp_avg"].shape) for k, v in sd["state"].items()})
