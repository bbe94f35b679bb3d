import torch
import torch.nn as nn
import torch.optim as optim
torch.manual_seed(0)
net = nn.Sequential(nn.Linear(3, 8), nn.ReLU(), nn.Linear(8, 2))
bn = nn.BatchNorm1d(2)
opt = optim.AdamW(list(net.parameters()) + list(bn.parameters()), lr=1e-2)
x = torch.randn(10, 3)
y = torch.randint(0, 2, (10,))
for epoch in range(3):
    opt.zero_grad()
    h = net(x)
    print(epoch, h.mean(0), bn.running_mean)
    out = bn(h)
    loss = nn.CrossEntropyLoss()(out, y)
    loss.backward()
    print(bn.weight.grad, bn.bias.grad, net[2].bias.grad)
    opt.step()
    print(bn.weight, bn.bias, net[2].bias)
