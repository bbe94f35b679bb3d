import torch
import torch.nn as nn
torch.manual_seed(0)
model = nn.Sequential(nn.Linear(3, 4), nn.Tanh(), nn.Linear(4, 1), nn.Sigmoid())
x = torch.tensor([[0.5, -1.0, 2.0], [1.0, 1.0, 1.0]])
print(model(x))
