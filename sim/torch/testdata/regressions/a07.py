import torch
import torch.nn as nn
import torch.optim as optim
torch.manual_seed(0)
model = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Dropout(0.5), nn.Linear(8, 3))
print(model)
opt = optim.Adam(model.parameters(), lr=1e-3)
print(opt)
x = torch.randn(5, 4)
y = torch.tensor([0, 2, 1, 1, 0])
for i in range(3):
    opt.zero_grad()
    out = model(x)
    loss = nn.CrossEntropyLoss()(out, y)
    loss.backward()
    opt.step()
    print(i, loss.item(), loss)
model.eval()
print(model(x))
print(torch.softmax(model(x), dim=1))
