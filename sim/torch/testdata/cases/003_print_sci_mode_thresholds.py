import torch
print(torch.tensor([0.0001, 1.0]))
print(torch.tensor([0.00009, 1.0]))
print(torch.tensor([1.0, 1000.0]))
print(torch.tensor([1.0, 1001.0]))
print(torch.tensor([0.5, 600.5]))
print(torch.tensor([1e8, 1.0]))
print(torch.tensor([123456789.0]))
print(torch.tensor([1e-10, 1e10]))
