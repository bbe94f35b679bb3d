import torch.nn as nn
model = nn.Sequential(nn.Linear(2, 2), nn.BatchNorm1d(2))
print(list(model.children()))
print(len(list(model.modules())))
for name, b in model.named_buffers():
    print(name, b)
for name, m in model.named_modules():
    print(repr(name), type(m).__name__)
