import torch
import torch.nn as nn
import torch.optim as optim
torch.manual_seed(2)
x = torch.randn(16, 2)
y = x.sum(dim=1, keepdim=True)
model = nn.Linear(2, 1)
opt = optim.SGD(model.parameters(), lr=0.2)
sched = optim.lr_scheduler.StepLR(opt, step_size=20, gamma=0.5)
for step in range(60):
    opt.zero_grad()
    loss = nn.MSELoss()(model(x), y)
    loss.backward()
    opt.step()
    sched.step()
    if step % 10 == 0:
        print(step, sched.get_last_lr(), loss)
print(model.weight.data, model.bias.data)
