import torch
import torch.nn as nn
import torch.nn.functional as F
x = torch.tensor([-2.0, -0.5, 0.0, 0.5, 2.0])
print(nn.ReLU()(x))
print(nn.Tanh()(x))
print(nn.Sigmoid()(x))
print(F.relu(x), torch.relu(x))
print(torch.tanh(x), torch.sigmoid(x))
print(nn.ReLU(), nn.Tanh(), nn.Sigmoid())
