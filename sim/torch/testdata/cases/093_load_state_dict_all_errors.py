import torch
import torch.nn as nn
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(2, 2)
        self.out = nn.Linear(2, 1)
net = Net()
sd = net.state_dict()
del sd["out.bias"]
sd["fc.weight"] = torch.zeros(3, 2)
sd["head.weight"] = torch.zeros(1)
net.load_state_dict(sd)
