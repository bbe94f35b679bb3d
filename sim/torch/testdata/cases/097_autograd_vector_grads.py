import torch
w = torch.tensor([1.0, -2.0, 3.0], requires_grad=True)
x = torch.tensor([0.5, 0.5, 2.0])
loss = (w * x).sum()
loss.backward()
print(w.grad)
print(x.grad)
print(w.is_leaf, loss.is_leaf, x.requires_grad)
