import torch
import torch.nn as nn
import torch.optim as optim
torch.manual_seed(0)
model = nn.Linear(2, 1)
opt = optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
x = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
y = torch.tensor([[1.0], [2.0]])
for _ in range(2):
    opt.zero_grad()
    nn.MSELoss()(model(x), y).backward()
    opt.step()
print(opt.state_dict())
