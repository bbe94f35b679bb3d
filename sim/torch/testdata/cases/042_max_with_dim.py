import torch
x = torch.tensor([[1.0, 5.0, 3.0], [4.0, 2.0, 6.0]])
values, indices = x.max(dim=1)
print(values, indices)
print(x.max(dim=0))
print(x.min(dim=1).values)
