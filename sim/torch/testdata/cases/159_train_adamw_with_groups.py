import torch
import torch.nn as nn
import torch.optim as optim
torch.manual_seed(5)
x = torch.randn(12, 3)
y = x @ torch.tensor([[1.0], [-2.0], [0.5]])
model = nn.Linear(3, 1)
opt = optim.AdamW([
    {"params": [model.weight], "weight_decay": 0.1},
    {"params": [model.bias], "weight_decay": 0.0},
], lr=0.05)
for step in range(50):
    opt.zero_grad()
    loss = nn.MSELoss()(model(x), y)
    loss.backward()
    opt.step()
print(loss)
print(model.weight.data)
print([g["weight_decay"] for g in opt.param_groups])
