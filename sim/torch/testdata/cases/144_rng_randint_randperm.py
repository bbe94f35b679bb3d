import torch
torch.manual_seed(0)
print(torch.randint(0, 10, (10,)))
print(torch.randint(5, (2, 3)))
print(torch.randint(-100, 100, (4,)))
print(torch.randperm(10))
print(torch.randperm(5))
print(torch.randint(0, 2**40, (3,)))
