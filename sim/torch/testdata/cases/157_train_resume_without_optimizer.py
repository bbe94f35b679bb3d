import copy
import torch
import torch.nn as nn
import torch.optim as optim
x = torch.tensor([[0.0, 1.0], [1.0, 0.0], [1.0, 1.0], [0.0, 0.0]])
y = torch.tensor([[1.0], [1.0], [0.0], [0.0]])
def run(steps, m, o):
    for _ in range(steps):
        o.zero_grad()
        loss = nn.MSELoss()(m(x), y)
        loss.backward()
        o.step()
    return loss.item()
torch.manual_seed(0)
m = nn.Sequential(nn.Linear(2, 4), nn.Tanh(), nn.Linear(4, 1))
o = optim.Adam(m.parameters(), lr=0.05)
run(25, m, o)
weights = copy.deepcopy(m.state_dict())
full = run(25, m, o)
m.load_state_dict(weights)
o_fresh = optim.Adam(m.parameters(), lr=0.05)
fresh = run(25, m, o_fresh)
print(f"{full:.6f}")
print(f"{fresh:.6f}")
print(full == fresh)
