import copy
import torch
import torch.nn as nn
import torch.optim as optim
def make():
    torch.manual_seed(0)
    m = nn.Sequential(nn.Linear(2, 4), nn.Tanh(), nn.Linear(4, 1))
    return m, optim.SGD(m.parameters(), lr=0.1, momentum=0.9)
x = torch.tensor([[0.0, 1.0], [1.0, 0.0], [1.0, 1.0], [0.0, 0.0]])
y = torch.tensor([[1.0], [1.0], [0.0], [0.0]])
def train(m, o, steps):
    for _ in range(steps):
        o.zero_grad()
        loss = nn.MSELoss()(m(x), y)
        loss.backward()
        o.step()
    return loss
m, o = make()
print("full", train(m, o, 60))
m2, o2 = make()
train(m2, o2, 30)
snap = copy.deepcopy({"model": m2.state_dict(), "opt": o2.state_dict()})
m3, o3 = make()
m3.load_state_dict(snap["model"])
o3.load_state_dict(snap["opt"])
print("resumed", train(m3, o3, 30))
print(torch.equal(m[0].weight, m3[0].weight))
