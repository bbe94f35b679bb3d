import torch
import torch.nn as nn
model = nn.Linear(2, 1)
x = torch.ones(4, 3)
out = model(x)
