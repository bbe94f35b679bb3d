import torch
x = torch.tensor([1, 2, 3])
print(x ** 2)
print(x.float() ** -1)
print(x ** -1)
