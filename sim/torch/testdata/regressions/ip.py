import torch
x = torch.ones(3, requires_grad=True)
for name, args in [("add_", (1,)), ("mul_", (2,)), ("relu_", ()), ("zero_", ()), ("fill_", (3,)), ("clamp_", (0, 1)), ("sub_", (1,)), ("div_", (2,)), ("pow_", (2,)), ("exp_", ())]:
    y = x * 2
    getattr(y, name)(*args)
    print(name, y.grad_fn.name(), y)
y = x * 2
y += 1
print(y.grad_fn.name())
y.sum().backward()
print(x.grad)
