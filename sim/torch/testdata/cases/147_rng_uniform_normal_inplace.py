import torch
torch.manual_seed(0)
print(torch.empty(5).uniform_(-2, 2))
print(torch.empty(4).normal_(10, 0.5))
print(torch.empty(20).normal_(0, 2)[:6])
print(torch.empty(3, dtype=torch.float64).uniform_())
