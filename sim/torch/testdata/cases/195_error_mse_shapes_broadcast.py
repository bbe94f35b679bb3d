import torch
import torch.nn as nn
pred = torch.tensor([[1.0], [2.0], [3.0]])
target = torch.tensor([1.0, 2.0, 3.0])
print(nn.MSELoss()(pred, target))
print(nn.MSELoss()(pred.squeeze(1), target))
