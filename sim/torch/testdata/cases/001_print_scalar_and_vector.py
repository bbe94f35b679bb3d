import torch
print(torch.tensor(3.5))
print(torch.tensor([1.0, 2.5, -3.25]))
print(torch.tensor([[1, 2], [3, 4]]))
print(torch.tensor(True))
print(torch.tensor(7))
