import torch
print(torch.arange(40 * 30).reshape(40, 30))
print((torch.arange(1200) / 7).reshape(3, 400))
print((torch.arange(1200) / 7).reshape(400, 3))
