import copy
import torch
import torch.nn as nn
import torch.optim as optim
x = torch.tensor([[0.0, 1.0], [1.0, 0.0], [1.0, 1.0], [0.0, 0.0]])
y = torch.tensor([[1.0], [1.0], [0.0], [0.0]])
def make():
    torch.manual_seed(0)
    m = nn.Sequential(nn.Linear(2, 4), nn.Tanh(), nn.Linear(4, 1))
    return m, optim.Adam(m.parameters(), lr=0.05)
def train(m, o, n):
    for _ in range(n):
        o.zero_grad()
        loss = nn.MSELoss()(m(x), y)
        loss.backward()
        o.step()
    return loss
m, o = make()
full = train(m, o, 60)
m2, o2 = make()
train(m2, o2, 20)
ckpt = copy.deepcopy({"model": m2.state_dict(), "optimizer": o2.state_dict()})
m3, o3 = make()
m3.load_state_dict(ckpt["model"])
o3.load_state_dict(ckpt["optimizer"])
resumed = train(m3, o3, 40)
print(full)
print(resumed)
print(torch.equal(full, resumed))
print(o3.state_dict()["state"][0]["step"])
