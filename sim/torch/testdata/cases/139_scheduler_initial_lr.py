import torch.nn as nn
import torch.optim as optim
opt = optim.SGD(nn.Linear(2, 1).parameters(), lr=0.1)
sched = optim.lr_scheduler.ExponentialLR(opt, gamma=0.5)
print(opt.state_dict()["param_groups"])
print(sched.last_epoch, sched.get_last_lr())
