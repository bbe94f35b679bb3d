import torch
import torch.nn as nn
torch.manual_seed(0)
bn = nn.BatchNorm1d(2)
for i in range(3):
    x = torch.randn(10, 2) * 3 + 1
    y = bn(x)
    print(bn.running_mean, bn.running_var, y[0])
w = torch.randn(10, 2)
x = torch.randn(10, 2, requires_grad=True)
(bn(x) * w).sum().backward()
print(x.grad, bn.weight.grad, bn.bias.grad)
