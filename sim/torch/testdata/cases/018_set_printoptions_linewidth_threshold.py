import torch
x = torch.arange(24.0).reshape(2, 12) / 3
torch.set_printoptions(linewidth=40)
print(x)
torch.set_printoptions(linewidth=80, threshold=10)
print(torch.arange(20))
print(torch.arange(36).reshape(6, 6))
torch.set_printoptions(threshold=10, edgeitems=1)
print(torch.arange(36).reshape(6, 6))
torch.set_printoptions(profile="full")
print(torch.arange(1005)[-10:])
torch.set_printoptions(profile="short")
print(x)
