import torch
import torch.nn as nn
import torch.optim as optim
torch.manual_seed(0)
model = nn.Linear(3, 1)
x = torch.tensor([[1.0, 2.0, 3.0], [0.5, -1.0, 2.0]])
y = torch.tensor([[1.0], [-1.0]])
for kw in [dict(momentum=0.9, nesterov=True), dict(momentum=0.5, dampening=0.1), dict(weight_decay=0.01), dict(momentum=0.9, maximize=True)]:
    torch.manual_seed(0)
    model = nn.Linear(3, 1)
    opt = optim.SGD(model.parameters(), lr=0.05, **kw)
    for _ in range(3):
        opt.zero_grad()
        nn.MSELoss()(model(x), y).backward()
        opt.step()
    print(kw, model.weight.data, model.bias.data)
