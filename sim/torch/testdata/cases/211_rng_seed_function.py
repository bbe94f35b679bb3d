import torch
s = torch.seed()
print(type(s).__name__, s == torch.initial_seed())
torch.manual_seed(s)
a = torch.rand(2)
torch.manual_seed(s)
print(torch.equal(a, torch.rand(2)))
