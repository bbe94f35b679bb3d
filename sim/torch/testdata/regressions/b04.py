import torch
import torch.nn as nn
import torch.optim as optim
m = nn.Linear(2, 1)
opt = optim.SGD(m.parameters(), lr=0.1)
sd = opt.state_dict()
sd['param_groups'][0]['params'] = [0, 1, 2]
opt.load_state_dict(sd)
