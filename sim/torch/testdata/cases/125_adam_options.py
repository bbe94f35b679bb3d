import torch
import torch.nn as nn
import torch.optim as optim
x = torch.tensor([[1.0, 2.0], [3.0, 4.0], [-1.0, 0.5]])
y = torch.tensor([[1.0], [2.0], [0.0]])
for kw in [dict(), dict(weight_decay=0.1), dict(amsgrad=True), dict(betas=(0.8, 0.9), eps=1e-6), dict(maximize=True)]:
    torch.manual_seed(0)
    model = nn.Linear(2, 1)
    opt = optim.Adam(model.parameters(), lr=0.05, **kw)
    for _ in range(5):
        opt.zero_grad()
        nn.MSELoss()(model(x), y).backward()
        opt.step()
    print(kw, model.weight.data, model.bias.data)
