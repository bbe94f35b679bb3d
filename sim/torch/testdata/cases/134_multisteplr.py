import torch.nn as nn
import torch.optim as optim
opt = optim.SGD(nn.Linear(2, 1).parameters(), lr=1.0)
sched = optim.lr_scheduler.MultiStepLR(opt, milestones=[2, 5], gamma=0.1)
for epoch in range(7):
    opt.step()
    sched.step()
    print(epoch, sched.get_last_lr())
print(sched.state_dict()["milestones"], sched.last_epoch)
