import torch
print(torch.tensor([]))
print(torch.zeros(0, 3))
print(torch.zeros(2, 0))
print(torch.zeros(0, dtype=torch.int64))
print(torch.zeros(0, dtype=torch.float64))
print(torch.empty(0, 2, 2, dtype=torch.bool))
print(torch.tensor([]).shape, torch.zeros(0, 3).numel())
