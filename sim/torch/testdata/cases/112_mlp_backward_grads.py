import torch
import torch.nn as nn
torch.manual_seed(0)
model = nn.Sequential(nn.Linear(2, 4), nn.Tanh(), nn.Linear(4, 1))
x = torch.tensor([[0.5, -0.5], [1.0, 2.0], [0.0, 1.0]])
y = torch.tensor([[1.0], [0.0], [0.5]])
loss = nn.MSELoss()(model(x), y)
loss.backward()
print(loss)
for name, p in model.named_parameters():
    print(name, p.grad)
