import torch.nn as nn
import torch.optim as optim
print(optim.Adam(nn.Linear(2, 1).parameters()))
