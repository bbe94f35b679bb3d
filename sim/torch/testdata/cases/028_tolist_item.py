import torch
x = torch.tensor([[1.5, 2.0], [3.25, -4.0]])
print(x.tolist())
print(x[0, 1].item())
print(torch.tensor([1, 2, 3]).tolist())
print(torch.tensor(0.1).item())
print(torch.tensor([True]).item())
print(type(torch.tensor(3).item()))
