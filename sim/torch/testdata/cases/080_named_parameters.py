import torch.nn as nn
model = nn.Sequential(nn.Linear(2, 3), nn.ReLU(), nn.Linear(3, 1))
for name, p in model.named_parameters():
    print(name, tuple(p.shape), p.requires_grad)
print(sum(p.numel() for p in model.parameters()))
print(len(list(model.parameters())))
