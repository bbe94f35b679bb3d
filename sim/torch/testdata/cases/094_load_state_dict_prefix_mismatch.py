import torch.nn as nn
model = nn.Sequential(nn.Linear(2, 1))
other = nn.Linear(2, 1)
model.load_state_dict(other.state_dict())
