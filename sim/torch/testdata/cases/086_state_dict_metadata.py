import torch.nn as nn
model = nn.Sequential(nn.Linear(2, 2), nn.BatchNorm1d(2))
sd = model.state_dict()
print(sd._metadata)
