import torch
import torch.nn as nn
torch.manual_seed(0)
model = nn.Linear(2, 1)
x = torch.tensor([[1.0, 2.0]])
out = model(x)
print(out)
loss = nn.MSELoss()(out, torch.tensor([[1.0]]))
print(loss)
print(loss.grad_fn.name())
print((out * 2).sum())
print(torch.relu(out))
