import torch
x = torch.tensor([0.1, 0.2, 0.3], dtype=torch.float16)
print(x + x)
print(x.sum())
print((x * 1000).half())
print(x.float())
