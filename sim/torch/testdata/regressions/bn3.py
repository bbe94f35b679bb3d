import torch
import torch.nn as nn
torch.manual_seed(0)
bn = nn.BatchNorm1d(3)
with torch.no_grad():
    bn.running_mean.uniform_(-1, 1); bn.running_var.uniform_(0.5, 2); bn.weight.uniform_(0.5, 1.5); bn.bias.uniform_(-1, 1)
bn.eval()
x = torch.randn(5, 3, requires_grad=True)
y = bn(x)
print(y)
y.sum().backward()
print(x.grad, bn.weight.grad, bn.bias.grad)
bn.train()
x3 = torch.randn(4, 3, 6, requires_grad=True)
y3 = bn(x3)
print(y3[0], bn.running_mean, bn.running_var)
(y3 * torch.randn(4, 3, 6)).sum().backward()
print(x3.grad[1], bn.weight.grad)
