import torch
import torch.nn as nn
torch.manual_seed(1)
layer = nn.Linear(3, 2)
print(layer.weight.shape, layer.bias.shape)
x = torch.tensor([[1.0, 2.0, 3.0], [0.0, -1.0, 0.5]])
y = layer(x)
print(y)
print(nn.Linear(4, 3, bias=False))
print(nn.Linear(4, 3, bias=False).bias)
