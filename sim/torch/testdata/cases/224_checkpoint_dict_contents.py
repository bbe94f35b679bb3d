import torch
import torch.nn as nn
import torch.optim as optim
torch.manual_seed(0)
model = nn.Linear(2, 1)
opt = optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
model(torch.ones(1, 2)).sum().backward()
opt.step()
ckpt = {"epoch": 1, "model_state_dict": model.state_dict(), "optimizer_state_dict": opt.state_dict(), "loss": 0.25}
print(list(ckpt.keys()))
print(ckpt["model_state_dict"])
print(ckpt["optimizer_state_dict"]["state"])
print(ckpt["epoch"], ckpt["loss"])
