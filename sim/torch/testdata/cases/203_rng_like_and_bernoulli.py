import torch
torch.manual_seed(0)
x = torch.zeros(2, 3)
print(torch.rand_like(x))
print(torch.randn_like(x))
print(torch.randint_like(x, 10))
print(torch.bernoulli(torch.full((8,), 0.5)))
print(torch.bernoulli(torch.tensor([0.0, 1.0, 0.25, 0.75])))
print(torch.empty(6).bernoulli_(0.5))
