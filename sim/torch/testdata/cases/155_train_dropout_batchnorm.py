import torch
import torch.nn as nn
import torch.optim as optim
torch.manual_seed(3)
x = torch.randn(20, 4)
y = torch.randn(20, 1)
model = nn.Sequential(nn.Linear(4, 8), nn.BatchNorm1d(8), nn.ReLU(), nn.Dropout(0.2), nn.Linear(8, 1))
opt = optim.SGD(model.parameters(), lr=0.05)
for step in range(50):
    opt.zero_grad()
    loss = nn.MSELoss()(model(x), y)
    loss.backward()
    opt.step()
    if step % 10 == 0:
        print(step, loss.item() > 0, f"{loss.item():.3f}")
model.eval()
with torch.no_grad():
    print(nn.MSELoss()(model(x), y))
print(model[1].running_mean)
print(model[1].num_batches_tracked)
