import torch.nn as nn
import torch.optim as optim
model = nn.Linear(2, 1)
opt = optim.SGD(model.parameters(), lr=0.1)
sched = optim.lr_scheduler.StepLR(opt, step_size=2, gamma=0.1)
for _ in range(3):
    opt.step()
    sched.step()
saved_opt, saved_sched = opt.state_dict(), sched.state_dict()
opt2 = optim.SGD(model.parameters(), lr=0.1)
sched2 = optim.lr_scheduler.StepLR(opt2, step_size=2, gamma=0.1)
opt2.load_state_dict(saved_opt)
sched2.load_state_dict(saved_sched)
for _ in range(3):
    opt2.step()
    sched2.step()
    print(sched2.last_epoch, sched2.get_last_lr(), opt2.param_groups[0]["lr"])
