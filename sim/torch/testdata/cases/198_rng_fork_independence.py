import torch
torch.manual_seed(0)
a = torch.rand(3)
torch.manual_seed(0)
b = torch.rand(3)
c = torch.rand(3)
print(torch.equal(a, b), torch.equal(b, c))
print(a, c)
