import torch
import torch.nn as nn
bn = nn.BatchNorm1d(3)
print(bn)
print(bn.state_dict())
print(list(bn.state_dict().keys()))
