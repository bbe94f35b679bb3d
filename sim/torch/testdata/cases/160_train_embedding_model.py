import torch
import torch.nn as nn
import torch.optim as optim
torch.manual_seed(6)
tokens = torch.tensor([[0, 1], [2, 3], [1, 2], [3, 0]])
target = torch.tensor([[1.0], [0.0], [1.0], [0.0]])
class Bag(nn.Module):
    def __init__(self):
        super().__init__()
        self.emb = nn.Embedding(4, 3)
        self.out = nn.Linear(3, 1)
    def forward(self, t):
        return torch.sigmoid(self.out(self.emb(t).mean(dim=1)))
model = Bag()
opt = optim.SGD(model.parameters(), lr=0.5)
for step in range(50):
    opt.zero_grad()
    loss = nn.MSELoss()(model(tokens), target)
    loss.backward()
    opt.step()
    if step % 10 == 0:
        print(step, loss)
print(model(tokens))
