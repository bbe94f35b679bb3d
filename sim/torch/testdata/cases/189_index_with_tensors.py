import torch
x = torch.arange(5)
print(x[torch.tensor([0, 2])])
print(x[torch.tensor([True, False, True, False, True])])
print(x[torch.tensor([-1])])
