import torch
import torch.nn.functional as F
torch.manual_seed(0)
x = torch.randn(2, 3)
w = torch.randn(4, 3)
b = torch.randn(4)
print(F.linear(x, w, b))
print(F.relu(F.linear(x, w)))
print(torch.allclose(F.linear(x, w, b), x @ w.t() + b))
