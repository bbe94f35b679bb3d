import torch
print(torch.tensor([1, 2, 3]).dtype)
print(torch.tensor([1.0, 2]).dtype)
print(torch.tensor([True, False]).dtype)
print(torch.tensor([[1, 2], [3, 4]], dtype=torch.float64))
print(torch.tensor(5).dtype, torch.tensor(5.0).dtype)
print(torch.tensor([1, 2.5, True]))
