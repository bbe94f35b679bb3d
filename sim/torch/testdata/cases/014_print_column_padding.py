import torch
print(torch.tensor([[1.0, -22.5], [333.25, 4.0]]))
print(torch.tensor([[1, -22], [333, 4]]))
print(torch.tensor([[True, False], [False, True]]))
print(torch.tensor([0.001, 0.01, 0.1]))
