import torch
x = torch.arange(6.0).reshape(2, 3)
print(x.t())
print(x.T.shape)
print(x.unsqueeze(0).shape, x.unsqueeze(-1).shape)
print(torch.zeros(1, 3, 1).squeeze().shape)
print(torch.zeros(1, 3, 1).squeeze(0).shape)
print(x.flatten(), torch.zeros(2, 3, 4).flatten(1).shape)
