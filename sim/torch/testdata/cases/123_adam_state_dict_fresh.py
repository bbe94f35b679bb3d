import torch.nn as nn
import torch.optim as optim
model = nn.Linear(2, 1)
opt = optim.Adam(model.parameters(), lr=0.001)
print(opt.state_dict())
