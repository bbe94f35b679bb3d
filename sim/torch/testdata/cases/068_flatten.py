import torch
import torch.nn as nn
x = torch.arange(24.0).reshape(2, 3, 4)
f = nn.Flatten()
print(f)
print(f(x).shape)
print(nn.Flatten(0)(x).shape)
print(nn.Flatten(start_dim=1, end_dim=-1))
