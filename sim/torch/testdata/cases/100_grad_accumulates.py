import torch
x = torch.tensor([1.0, 2.0], requires_grad=True)
for i in range(3):
    (x * x).sum().backward()
    print(x.grad)
x.grad.zero_()
print(x.grad)
x.grad = None
(3 * x).sum().backward()
print(x.grad)
