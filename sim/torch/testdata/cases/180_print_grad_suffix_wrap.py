import torch
torch.manual_seed(0)
w = torch.randn(3, 7, requires_grad=True)
y = w * 1000
print(y)
print(torch.randn(9, requires_grad=True))
print((torch.randn(2, 9, dtype=torch.float64) * 100).requires_grad_())
