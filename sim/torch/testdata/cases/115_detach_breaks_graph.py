import torch
x = torch.tensor([1.0, 2.0], requires_grad=True)
y = x.detach() * 2
print(y.requires_grad)
z = (x * y).sum()
z.backward()
print(x.grad)
