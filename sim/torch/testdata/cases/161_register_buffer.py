import torch
import torch.nn as nn
class Scaler(nn.Module):
    def __init__(self):
        super().__init__()
        self.register_buffer("scale", torch.tensor([2.0, 3.0]))
        self.register_buffer("tmp", torch.zeros(1), persistent=False)
        self.w = nn.Parameter(torch.ones(2))
    def forward(self, x):
        return x * self.scale * self.w
m = Scaler()
print(m(torch.tensor([1.0, 1.0])))
print(m.state_dict())
print([n for n, _ in m.named_buffers()])
print([n for n, _ in m.named_parameters()])
