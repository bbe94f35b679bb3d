import torch
import torch.nn as nn
import torch.optim as optim
torch.manual_seed(8)
x = torch.randn(10, 3)
y = torch.randn(10, 1)
model = nn.Linear(3, 1)
opt = optim.SGD(model.parameters(), lr=0.05, momentum=0.9, weight_decay=1e-4)
for step in range(60):
    opt.zero_grad()
    loss = nn.MSELoss()(model(x), y)
    loss.backward()
    opt.step()
print(loss)
print(opt.state_dict()["state"])
