import torch
import torch.nn as nn
import torch.optim as optim
torch.manual_seed(4)
x = torch.linspace(0, 1, 8).unsqueeze(1)
y = torch.sin(3 * x)
model = nn.Sequential(nn.Linear(1, 10), nn.Tanh(), nn.Linear(10, 1))
opt = optim.SGD(model.parameters(), lr=0.3)
losses = []
for step in range(100):
    opt.zero_grad()
    loss = nn.MSELoss()(model(x), y)
    loss.backward()
    opt.step()
    losses.append(loss.item())
print([round(l, 4) for l in losses[::10]])
print(losses[-1] < losses[0])
