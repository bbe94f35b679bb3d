import torch
import torch.nn as nn
torch.manual_seed(0)
d = nn.Dropout(p=0.5)
print(d)
x = torch.ones(2, 8)
print(d(x))
d.eval()
print(d(x))
print(d.training)
