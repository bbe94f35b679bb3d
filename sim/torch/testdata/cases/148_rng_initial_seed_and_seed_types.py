import torch
torch.manual_seed(42)
print(torch.initial_seed())
g = torch.manual_seed(7)
print(type(g).__name__, g.initial_seed())
torch.manual_seed(2**40 + 3)
print(torch.initial_seed(), torch.rand(2))
