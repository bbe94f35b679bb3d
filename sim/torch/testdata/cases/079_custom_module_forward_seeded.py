import torch
import torch.nn as nn
torch.manual_seed(0)
class TinyNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.hidden = nn.Linear(2, 3)
        self.out = nn.Linear(3, 1)
    def forward(self, x):
        return self.out(torch.relu(self.hidden(x)))
net = TinyNet()
print(net(torch.tensor([[1.0, 2.0]])))
print(net.hidden.weight)
