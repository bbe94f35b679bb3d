import torch
torch.manual_seed(0)
for n in [1, 3, 15, 16, 17]:
    print(torch.randn(n))
