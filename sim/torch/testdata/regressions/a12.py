import torch
import torch.nn as nn
import torch.optim as optim
m = nn.Linear(2, 1)
o = optim.SGD(m.parameters(), lr=0.1, momentum=0.9)
s = optim.lr_scheduler.MultiStepLR(o, milestones=[2, 4], gamma=0.5)
e = optim.lr_scheduler.ExponentialLR(optim.SGD(m.parameters(), lr=1.0), gamma=0.9)
for i in range(6):
    o.step(); s.step(); e.optimizer.step(); e.step()
    print(s.get_last_lr(), e.get_last_lr())
print(s.state_dict())
l = optim.lr_scheduler.LambdaLR(o, lambda ep: 0.5 ** ep)
l.step(); print(l.get_last_lr(), o.param_groups[0]['lr'])
