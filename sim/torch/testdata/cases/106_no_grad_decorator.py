import torch
@torch.no_grad()
def double(t):
    return t * 2
x = torch.ones(2, requires_grad=True)
print(double(x))
print(double(x).requires_grad)
