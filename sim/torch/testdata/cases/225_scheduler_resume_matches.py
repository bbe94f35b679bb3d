import torch.nn as nn
import torch.optim as optim
def make():
    o = optim.SGD(nn.Linear(2, 1).parameters(), lr=1.0)
    return o, optim.lr_scheduler.CosineAnnealingLR(o, T_max=8)
o, s = make()
full = []
for _ in range(8):
    o.step(); s.step(); full.append(s.get_last_lr()[0])
o, s = make()
for _ in range(3):
    o.step(); s.step()
saved = (o.state_dict(), s.state_dict())
o2, s2 = make()
o2.load_state_dict(saved[0]); s2.load_state_dict(saved[1])
rest = []
for _ in range(5):
    o2.step(); s2.step(); rest.append(s2.get_last_lr()[0])
print(full[3:] == rest)
print([round(v, 6) for v in full])
