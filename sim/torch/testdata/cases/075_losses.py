import torch
import torch.nn as nn
pred = torch.tensor([[0.5, 1.5], [2.0, -1.0]])
target = torch.tensor([[1.0, 1.0], [1.0, 0.0]])
print(nn.MSELoss()(pred, target))
print(nn.L1Loss()(pred, target))
print(nn.MSELoss(reduction="sum")(pred, target))
print(nn.MSELoss(reduction="none")(pred, target))
print(nn.MSELoss(), nn.L1Loss(), nn.CrossEntropyLoss())
