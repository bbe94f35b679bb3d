import torch
import torch.nn as nn
torch.manual_seed(0)
m = nn.Sequential(nn.Linear(4, 8), nn.Tanh(), nn.Linear(8, 1))
x = torch.randn(16, 4) * 10
loss = (m(x) ** 2).mean()
loss.backward()
print(nn.utils.clip_grad_norm_(m.parameters(), max_norm=1.0))
print(m[0].bias.grad)
print(nn.utils.clip_grad_norm_(m.parameters(), 0.5, norm_type=1.0))
nn.utils.clip_grad_value_(m.parameters(), 0.01)
print(m[2].weight.grad)
import torch.nn.utils
print(torch.nn.utils.clip_grad_norm_([], 1.0))
