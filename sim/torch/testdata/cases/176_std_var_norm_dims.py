import torch
x = torch.tensor([[1.0, 2.0, 4.0], [3.0, 5.0, 9.0]])
print(x.std(dim=0), x.var(dim=1))
print(x.std(unbiased=False))
print(x.norm(dim=1), x.norm(p=1))
print(torch.tensor([3.0, 4.0]).norm())
print(x.var(dim=1, keepdim=True))
