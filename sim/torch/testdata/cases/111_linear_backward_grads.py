import torch
import torch.nn as nn
torch.manual_seed(0)
model = nn.Linear(3, 2)
x = torch.tensor([[1.0, 2.0, 3.0], [-1.0, 0.0, 1.0]])
loss = model(x).pow(2).mean()
loss.backward()
print(loss)
print(model.weight.grad)
print(model.bias.grad)
