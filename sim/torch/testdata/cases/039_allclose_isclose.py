import torch
a = torch.tensor([1.0, 2.0, 3.0])
b = a + 1e-7
print(torch.allclose(a, b))
print(torch.isclose(a, torch.tensor([1.0, 2.1, 3.0])))
print(torch.allclose(a, a + 0.01))
print(torch.allclose(a, a + 0.01, atol=0.1))
