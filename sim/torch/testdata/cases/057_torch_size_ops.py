import torch
s = torch.Size([2, 3, 4])
print(s, len(s), s[1], s[-1])
print(s.numel())
print(s[1:])
print(torch.zeros(s).shape)
print(torch.Size([]))
