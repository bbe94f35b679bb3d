import torch
import torch.nn as nn
import torch.optim as optim
torch.manual_seed(1)
x = torch.randn(24, 4)
labels = (x[:, 0] > 0).long() + (x[:, 1] > 0).long()
model = nn.Sequential(nn.Linear(4, 8), nn.Tanh(), nn.Linear(8, 3))
opt = optim.SGD(model.parameters(), lr=0.2, momentum=0.9)
loss_fn = nn.CrossEntropyLoss()
for step in range(60):
    opt.zero_grad()
    loss = loss_fn(model(x), labels)
    loss.backward()
    opt.step()
    if step % 10 == 0:
        print(step, f"{loss.item():.4f}")
acc = (model(x).argmax(dim=1) == labels).float().mean()
print("accuracy", acc)
