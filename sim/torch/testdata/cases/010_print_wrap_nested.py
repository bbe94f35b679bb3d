import torch
x = torch.arange(2 * 3 * 14, dtype=torch.float32).reshape(2, 3, 14) / 7
print(x)
