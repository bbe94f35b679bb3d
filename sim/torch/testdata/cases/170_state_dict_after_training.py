import torch
import torch.nn as nn
import torch.optim as optim
torch.manual_seed(0)
model = nn.Sequential(nn.Linear(2, 2), nn.BatchNorm1d(2), nn.Linear(2, 1))
opt = optim.SGD(model.parameters(), lr=0.1)
x = torch.tensor([[1.0, 2.0], [2.0, 1.0], [0.0, 1.0]])
for _ in range(3):
    opt.zero_grad()
    model(x).pow(2).mean().backward()
    opt.step()
for k, v in model.state_dict().items():
    print(k, v)
