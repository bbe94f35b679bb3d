import torch
a = torch.tensor(1.0)
b = torch.tensor(2.0)
print(torch.stack([a, b]))
print(torch.tensor([a.item(), b.item()]))
print(torch.tensor([t.item() for t in torch.tensor([1.0, 2.0])]))
