import torch.nn as nn
import torch.optim as optim
a = optim.SGD(nn.Linear(2, 1).parameters(), lr=0.1)
b = optim.SGD(nn.Linear(2, 1, bias=False).parameters(), lr=0.1)
b.load_state_dict(a.state_dict())
