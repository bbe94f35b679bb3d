import torch
x = torch.tensor([-1.0, 0.0, 4.0])
print(x.sqrt())
print(x ** 0.5)
print(torch.tensor([2.0]) ** torch.tensor([3.0]))
print(2 ** torch.tensor([0.0, 1.0, 10.0]))
print(torch.tensor([0.0]) / torch.tensor([0.0]), torch.tensor([1.0]) / 0)
