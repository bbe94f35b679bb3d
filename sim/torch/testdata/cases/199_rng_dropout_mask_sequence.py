import torch
import torch.nn as nn
torch.manual_seed(10)
d = nn.Dropout(0.3)
x = torch.ones(20)
for _ in range(3):
    print(d(x))
