import torch
print(torch.Tensor([1, 2]), torch.Tensor(2, 3).shape, torch.FloatTensor([[1.5]]), torch.LongTensor([1, 2]), torch.Tensor())
x = torch.Tensor([1., 2.])
print(isinstance(x, torch.Tensor), x.dtype, torch.Tensor([True]).dtype)
print(torch.nn.Parameter(torch.Tensor([1.0])))
