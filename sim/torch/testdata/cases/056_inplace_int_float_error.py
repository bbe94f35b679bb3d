import torch
x = torch.tensor([1, 2, 3])
x.add_(1)
print(x)
x.mul_(1.5)
