import torch
import torch.nn as nn
class Block(nn.Module):
    def __init__(self, n):
        super().__init__()
        self.layers = nn.Sequential(nn.Linear(n, n), nn.Tanh())
        self.skip = nn.Identity()
        self.register_buffer("scale", torch.ones(n))
        self.register_buffer("tmp", torch.zeros(1), persistent=False)
    def forward(self, x):
        return self.layers(x) * self.scale + self.skip(x)
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.blocks = nn.ModuleList([Block(2) for _ in range(2)])
        self.head = nn.Linear(2, 1, bias=False)
    def forward(self, x):
        for b in self.blocks:
            x = b(x)
        return self.head(x)
torch.manual_seed(0)
net = Net()
print(net)
print(list(net.state_dict().keys()))
print([n for n, _ in net.named_parameters()])
print([n for n, _ in net.named_buffers()])
print([n for n, _ in net.named_modules()])
print(net(torch.ones(3, 2)))
print(sum(p.numel() for p in net.parameters() if p.requires_grad))
print(net.head.bias)
print(list(net.children())[1])
print(net.blocks[0].layers[0].weight.shape)
