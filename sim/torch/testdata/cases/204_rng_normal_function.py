import torch
torch.manual_seed(0)
print(torch.normal(0.0, 1.0, size=(5,)))
print(torch.normal(2.0, 0.5, size=(2, 2)))
print(torch.empty(3, 3).normal_())
print(torch.empty(2).uniform_())
