import torch
import torch.nn as nn
bn = nn.BatchNorm1d(3)
bn.eval()
print(bn(torch.ones(1, 3)).detach())
bn.train()
bn(torch.ones(1, 3))
