import torch
import torch.nn as nn
m = nn.Linear(2, 1)
opt = torch.optim.SGD(m.parameters(), lr=-1)
