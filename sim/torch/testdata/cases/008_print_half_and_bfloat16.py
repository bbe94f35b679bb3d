import torch
x = torch.tensor([1 / 3, 2 / 3, 1000.1, 0.0001])
print(x.half())
print(x.bfloat16())
print(torch.tensor([65504.0, 70000.0]).half())
print(torch.tensor([1e10, -1e-3]).bfloat16())
