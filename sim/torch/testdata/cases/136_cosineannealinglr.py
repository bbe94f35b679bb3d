import torch.nn as nn
import torch.optim as optim
opt = optim.SGD(nn.Linear(2, 1).parameters(), lr=0.1)
sched = optim.lr_scheduler.CosineAnnealingLR(opt, T_max=10, eta_min=0.001)
for epoch in range(12):
    opt.step()
    sched.step()
    print(epoch, sched.get_last_lr())
