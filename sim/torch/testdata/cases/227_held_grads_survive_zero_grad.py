import torch
import torch.nn as nn
import torch.optim as optim

# gradients a learner holds keep their values after zero_grad() or
# p.grad = None drop them, while later steps make new ones
torch.manual_seed(0)
model = nn.Linear(2, 1)
opt = optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
x = torch.tensor([[0.5, -1.0], [1.5, 2.0], [-0.5, 0.25]])
y = torch.tensor([[1.0], [-1.0], [0.5]])
held = []
for step in range(6):
    if step % 2:
        opt.zero_grad()
    else:
        for p in model.parameters():
            p.grad = None
    loss = nn.functional.mse_loss(model(x), y)
    loss.backward()
    if step in (1, 2):
        held.append(model.weight.grad)
        held.append(model.bias.grad)
    opt.step()
    print(step, f"{loss.item():.6f}", model.weight.grad, model.bias.grad)
for g in held:
    print(g)
print(held[0] is held[2], model.weight.grad is held[0])
