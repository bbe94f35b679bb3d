import torch
m = torch.tensor([True, False, True])
print(m.sum())
print(m.any(), m.all())
print(~m)
print(m.float())
print(m.long().sum())
