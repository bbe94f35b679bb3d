import torch
import torch.nn as nn
torch.manual_seed(0)
bn = nn.BatchNorm1d(3)
x = torch.randn(6, 3)
print(bn(x))
print(bn.running_mean, bn.running_var, bn.num_batches_tracked)
print(bn.state_dict())
print(bn)
e = nn.Embedding(5, 2)
print(e.weight)
print(e(torch.tensor([1, 3])))
print(e)
