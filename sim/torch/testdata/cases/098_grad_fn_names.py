import torch
a = torch.tensor([1.0, 2.0], requires_grad=True)
b = torch.tensor([3.0, 4.0], requires_grad=True)
for t in [a + b, a - b, a * b, a / b, a ** 2, a @ b, a.sum(), a.mean(), -a, a.exp(), a.log(), a.sqrt(), a.abs(), torch.relu(a), torch.tanh(a), torch.sigmoid(a), a.view(2, 1), a.t() if a.dim() == 2 else a.unsqueeze(0), a[0], a.clamp(0, 1), a.max(), a * 2]:
    print(type(t.grad_fn).__name__)
print(a.grad_fn)
