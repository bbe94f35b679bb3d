import torch
print(torch.arange(5))
print(torch.arange(1, 4))
print(torch.arange(0, 1, 0.25))
print(torch.arange(5.0))
print(torch.arange(10, 0, -3))
print(torch.linspace(0, 1, 5))
print(torch.linspace(-2, 2, steps=3))
print(torch.linspace(0, 10, 1))
