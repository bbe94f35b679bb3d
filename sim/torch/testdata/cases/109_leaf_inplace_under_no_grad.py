import torch
w = torch.ones(2, requires_grad=True)
with torch.no_grad():
    w.add_(1)
    w.mul_(3)
print(w)
print(w.is_leaf)
