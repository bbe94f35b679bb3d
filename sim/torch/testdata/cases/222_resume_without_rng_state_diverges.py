import copy
import torch
import torch.nn as nn
import torch.optim as optim
x = torch.linspace(-1, 1, 16).unsqueeze(1)
y = x ** 2
def make():
    torch.manual_seed(0)
    m = nn.Sequential(nn.Linear(1, 8), nn.ReLU(), nn.Dropout(0.25), nn.Linear(8, 1))
    return m, optim.SGD(m.parameters(), lr=0.1)
def train(m, o, steps):
    for _ in range(steps):
        o.zero_grad()
        loss = nn.MSELoss()(m(x), y)
        loss.backward()
        o.step()
    return loss
m, o = make()
full = train(m, o, 40)
m, o = make()
train(m, o, 20)
ckpt = copy.deepcopy({"model": m.state_dict(), "opt": o.state_dict()})
m2, o2 = make()
m2.load_state_dict(ckpt["model"])
o2.load_state_dict(ckpt["opt"])
resumed = train(m2, o2, 20)
print(full)
print(resumed)
print(torch.equal(full, resumed))
