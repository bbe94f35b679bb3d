import torch
torch.manual_seed(0)
print(torch.randint(3, 4, (3,)))
torch.randint(5, 5, (2,))
