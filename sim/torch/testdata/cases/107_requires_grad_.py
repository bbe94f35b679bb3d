import torch
x = torch.tensor([1.0, 2.0])
print(x.requires_grad)
x.requires_grad_()
print(x.requires_grad, x)
y = x.detach()
print(y.requires_grad)
x.requires_grad_(False)
print(x)
