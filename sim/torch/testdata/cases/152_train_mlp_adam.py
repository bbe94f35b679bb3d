import torch
import torch.nn as nn
import torch.optim as optim
torch.manual_seed(0)
x = torch.randn(32, 3)
y = (x[:, :1] * 2 - x[:, 1:2] + 0.5 * x[:, 2:3]).tanh()
model = nn.Sequential(nn.Linear(3, 16), nn.ReLU(), nn.Linear(16, 1))
opt = optim.Adam(model.parameters(), lr=0.01)
for step in range(80):
    opt.zero_grad()
    loss = nn.functional.mse_loss(model(x), y)
    loss.backward()
    opt.step()
    if step % 10 == 9:
        print(step + 1, round(loss.item(), 4))
