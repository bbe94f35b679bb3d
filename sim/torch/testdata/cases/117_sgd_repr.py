import torch.nn as nn
import torch.optim as optim
model = nn.Linear(2, 1)
print(optim.SGD(model.parameters(), lr=0.01, momentum=0.9))
