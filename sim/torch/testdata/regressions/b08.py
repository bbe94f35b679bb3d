import torch
x = torch.tensor([1.0, float('nan'), float('inf'), -float('inf')])
print(x, x.sum(), torch.isclose(x, x), x == x)
print(torch.tensor([1e-10, 1e10]), torch.tensor([0.0, -0.0]))
print(torch.tensor(2.5).item(), float(torch.tensor(1.5)), int(torch.tensor(3.9)))
print(f"{torch.tensor(0.123456):.3f}")
print(torch.tensor(1) + 2.5, torch.tensor([1, 2]) / torch.tensor([2, 4]))
print(torch.tensor([3, 4]).float().norm(), torch.tensor([[1., 2.], [3., 4.]]).t() @ torch.tensor([1., 1.]))
