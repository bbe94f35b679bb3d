import torch.nn as nn
import torch.optim as optim
opt = optim.SGD(nn.Linear(2, 1).parameters(), lr=0.1)
sched = optim.lr_scheduler.ExponentialLR(opt, gamma=0.9)
for epoch in range(5):
    opt.step()
    sched.step()
    print(sched.get_last_lr())
