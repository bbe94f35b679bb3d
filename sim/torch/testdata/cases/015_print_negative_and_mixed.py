import torch
print(torch.tensor([-1.5, 2.25, -3.125, 4.0625]))
print(torch.tensor([[-1e-5, 1.0], [2.0, -3.0]]))
print(torch.tensor([-100, 5, 12345678]))
