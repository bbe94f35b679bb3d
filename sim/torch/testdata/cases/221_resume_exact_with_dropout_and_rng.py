import copy
import torch
import torch.nn as nn
import torch.optim as optim
x = torch.linspace(-1, 1, 16).unsqueeze(1)
y = x ** 2
def make():
    torch.manual_seed(0)
    m = nn.Sequential(nn.Linear(1, 8), nn.ReLU(), nn.Dropout(0.25), nn.Linear(8, 1))
    o = optim.Adam(m.parameters(), lr=0.02)
    s = optim.lr_scheduler.StepLR(o, step_size=10, gamma=0.5)
    return m, o, s
def train(m, o, s, steps):
    for _ in range(steps):
        o.zero_grad()
        loss = nn.MSELoss()(m(x), y)
        loss.backward()
        o.step()
        s.step()
    return loss
m, o, s = make()
full = train(m, o, s, 50)
m, o, s = make()
train(m, o, s, 20)
ckpt = copy.deepcopy({"model": m.state_dict(), "opt": o.state_dict(), "sched": s.state_dict(), "rng": torch.get_rng_state()})
torch.manual_seed(123)
m2, o2, s2 = make()
m2.load_state_dict(ckpt["model"])
o2.load_state_dict(ckpt["opt"])
s2.load_state_dict(ckpt["sched"])
torch.set_rng_state(ckpt["rng"])
resumed = train(m2, o2, s2, 30)
print(full)
print(resumed)
print(torch.equal(full, resumed), s2.get_last_lr())
