import torch
x = torch.ones(2)
print(x.device)
print(torch.device("cpu"))
print(torch.cuda.is_available())
print(x.to("cpu"))
print(x.is_cuda)
