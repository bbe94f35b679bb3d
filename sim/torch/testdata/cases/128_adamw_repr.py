import torch.nn as nn
import torch.optim as optim
print(optim.AdamW(nn.Linear(2, 1).parameters(), lr=0.01, weight_decay=0.05))
