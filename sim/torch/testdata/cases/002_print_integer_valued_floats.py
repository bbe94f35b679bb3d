import torch
print(torch.tensor([1.0, 2.0, 3.0]))
print(torch.tensor([[0.0, -1.0], [10.0, 100.0]]))
print(torch.tensor([-0.0, 0.0]))
print(torch.zeros(2, 3))
print(torch.ones(3))
