import torch
import torch.nn as nn
import torch.nn.functional as F
torch.manual_seed(0)
x = torch.randn(4, 3)
print(F.relu(x), F.softmax(x, dim=1), F.log_softmax(x, dim=-1))
print(F.dropout(x, p=0.5, training=True))
print(F.mse_loss(x, torch.zeros(4, 3), reduction='sum'), F.l1_loss(x, torch.ones(4, 3)))
print(torch.sigmoid(x), torch.tanh(x), x.exp(), x.abs().log(), x.abs().sqrt())
print(x.clamp(min=0), x.clamp(-0.5, 0.5), torch.maximum(x, torch.zeros(1)))
