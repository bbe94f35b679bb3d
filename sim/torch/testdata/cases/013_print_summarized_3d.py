import torch
print(torch.arange(10 * 10 * 11).reshape(10, 10, 11) * 0.5)
