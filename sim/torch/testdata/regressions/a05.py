import torch
x = torch.arange(6).reshape(2, 3)
print(x, x.shape, x.dtype, x.T)
print(x[0], x[:, 1], x[1, 2], x[..., -1], x[None].shape)
print(x.sum(dim=0), x.sum(1, keepdim=True), x.float().mean(0))
print(x.max(), x.max(dim=1), x.argmax(), x.argmax(1))
print(x.float().std(), x.float().var(1), x.float().norm())
x[0, 0] = 100
print(x)
print(torch.cat([x, x]), torch.stack([x, x]).shape)
print(x.view(-1), x.flatten(), x.unsqueeze(0).shape, x.unsqueeze(-1).squeeze().shape)
print(x.tolist(), x[0, 1].item(), type(x[0, 1].item()))
print(x.float() / 3, x // 2, x % 4, -x, x ** 2, 2 ** x[0])
print(x > 3, (x > 3).sum(), x[x > 3])
