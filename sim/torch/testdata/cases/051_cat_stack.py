import torch
a = torch.tensor([[1, 2], [3, 4]])
b = torch.tensor([[5, 6]])
print(torch.cat([a, b]))
print(torch.cat([a, a], dim=1))
print(torch.stack([a, a]))
print(torch.stack([a, a], dim=1).shape)
print(torch.cat((torch.zeros(2), torch.ones(3))))
