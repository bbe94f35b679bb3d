import torch
print(torch.tensor([float('inf'), float('-inf'), float('nan')]))
print(torch.tensor([1.0, float('inf')]))
print(torch.tensor([1.5, float('nan'), -2.25]))
print(torch.tensor(float('nan')))
print(torch.tensor([0.0, float('inf')]) * 0)
