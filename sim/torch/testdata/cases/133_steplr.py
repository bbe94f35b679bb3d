import torch
import torch.nn as nn
import torch.optim as optim
model = nn.Linear(2, 1)
opt = optim.SGD(model.parameters(), lr=0.1)
sched = optim.lr_scheduler.StepLR(opt, step_size=3, gamma=0.5)
for epoch in range(8):
    opt.step()
    sched.step()
    print(epoch, sched.get_last_lr(), opt.param_groups[0]["lr"])
sd = sched.state_dict()
print(sd["last_epoch"], sd["_step_count"], sd["base_lrs"], sd["_last_lr"], sd["step_size"], sd["gamma"])
