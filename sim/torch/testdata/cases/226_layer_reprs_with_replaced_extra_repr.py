import torch
import torch.nn as nn
class W:
    def __repr__(self):
        return "a\nb"
d = nn.Dropout(0.5)
d.p = W()
print(repr(d))
l = nn.Linear(2, 3)
l.extra_repr = lambda: "custom"
print(l)
print(nn.BatchNorm1d(3), nn.Embedding(4, 2, padding_idx=1), nn.Flatten(), nn.Softmax(dim=1), nn.ReLU(inplace=True), nn.Tanh())
print(nn.Sequential(nn.Linear(1, 1), nn.ReLU()))
print(nn.Linear(2, 2).extra_repr())
s = nn.Softmax(dim=0)
s.dim = W()
print([s])
