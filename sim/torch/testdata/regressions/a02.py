import torch
a = torch.ones(1, 3)
b = torch.ones(2, 1)
print(a @ b.t())
print(torch.mm(a, b))
