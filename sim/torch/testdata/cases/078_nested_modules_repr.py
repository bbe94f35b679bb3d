import torch.nn as nn
class Block(nn.Module):
    def __init__(self, n):
        super().__init__()
        self.body = nn.Sequential(nn.Linear(n, n), nn.ReLU())
        self.norm = nn.BatchNorm1d(n)
    def forward(self, x):
        return self.norm(self.body(x))
class Model(nn.Module):
    def __init__(self):
        super().__init__()
        self.encoder = nn.Sequential(Block(4), Block(4))
        self.head = nn.Linear(4, 2)
        self.drop = nn.Dropout(0.1)
model = Model()
print(model)
