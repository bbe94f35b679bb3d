import torch
x = torch.ones(2, 3)
print(x.view(3, 2), x.reshape(6), x.view(-1, 2).shape)
x.view(4, 2)
