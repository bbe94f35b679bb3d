import torch.nn as nn
import torch.optim as optim
model = nn.Sequential(nn.Linear(2, 2), nn.Linear(2, 1))
one = optim.SGD(model.parameters(), lr=0.1)
two = optim.SGD([{"params": model[0].parameters()}, {"params": model[1].parameters()}], lr=0.1)
two.load_state_dict(one.state_dict())
