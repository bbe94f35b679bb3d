import torch
x = torch.tensor([0.25, 1.0, 4.0])
print(torch.exp(x))
print(torch.log(x))
print(torch.sqrt(x))
print(x.abs(), (-x).abs())
print(torch.clamp(x, 0.5, 2.0))
print(x.clamp(min=1.0))
print(torch.log(torch.tensor([0.0, -1.0])))
