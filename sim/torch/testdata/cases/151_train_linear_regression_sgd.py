import torch
import torch.nn as nn
import torch.optim as optim
torch.manual_seed(0)
x = torch.linspace(-1, 1, 20).unsqueeze(1)
y = 3 * x + 0.5
model = nn.Linear(1, 1)
opt = optim.SGD(model.parameters(), lr=0.1)
loss_fn = nn.MSELoss()
for step in range(60):
    opt.zero_grad()
    loss = loss_fn(model(x), y)
    loss.backward()
    opt.step()
    if step % 5 == 0:
        print(step, loss)
print(model.weight, model.bias, sep="\n")
