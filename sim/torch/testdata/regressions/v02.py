import torch
x = torch.ones(3, requires_grad=True)
y = x * 2
y[0] = 5
print(y)
y.sum().backward()
print(x.grad)
a = torch.zeros(2, 3)
w = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
a[1] = w * 3
print(a)
(a * a).sum().backward()
print(w.grad)
b = torch.zeros(4)
b[1:3] = torch.tensor([7.0, 8.0])
print(b, b.requires_grad)
