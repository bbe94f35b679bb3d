import torch.nn as nn
import torch.optim as optim
opt = optim.SGD(nn.Linear(2, 1).parameters(), lr=0.5)
sched = optim.lr_scheduler.LambdaLR(opt, lr_lambda=lambda epoch: 1 / (epoch + 1))
for epoch in range(4):
    opt.step()
    sched.step()
    print(sched.get_last_lr())
sd = sched.state_dict()
print(sd["last_epoch"], sd["lr_lambdas"])
