import copy
import torch
import torch.nn as nn
import torch.optim as optim
x = torch.tensor([[0.0, 1.0], [1.0, 0.0], [1.0, 1.0], [0.0, 0.0]])
y = torch.tensor([[1.0], [1.0], [0.0], [0.0]])
torch.manual_seed(0)
m = nn.Sequential(nn.Linear(2, 4), nn.Tanh(), nn.Linear(4, 1))
o = optim.SGD(m.parameters(), lr=0.1, momentum=0.9)
def train(steps, opt):
    for _ in range(steps):
        opt.zero_grad()
        loss = nn.MSELoss()(m(x), y)
        loss.backward()
        opt.step()
    return loss
train(30, o)
weights = copy.deepcopy(m.state_dict())
opt_state = copy.deepcopy(o.state_dict())
a = train(30, o)
m.load_state_dict(weights)
o.load_state_dict(opt_state)
b = train(30, o)
m.load_state_dict(weights)
c = train(30, optim.SGD(m.parameters(), lr=0.1, momentum=0.9))
print(a, b, c, sep="\n")
print(torch.equal(a, b), torch.equal(a, c))
