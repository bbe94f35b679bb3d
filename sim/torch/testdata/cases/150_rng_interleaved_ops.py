import torch
torch.manual_seed(99)
a = torch.rand(2)
b = torch.randn(2)
c = torch.randint(0, 100, (2,))
d = torch.randn(1)
e = torch.rand(1)
print(a, b, c, d, e, sep="\n")
