import torch
import torch.nn as nn
import torch.optim as optim
torch.manual_seed(0)
model = nn.Linear(2, 1)
opt = optim.Adam(model.parameters(), lr=0.01)
x = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
y = torch.tensor([[1.0], [2.0]])
for _ in range(3):
    opt.zero_grad()
    nn.MSELoss()(model(x), y).backward()
    opt.step()
sd = opt.state_dict()
print(sd["state"][0]["step"])
print(sorted(sd["state"][0].keys()))
print(sd)
