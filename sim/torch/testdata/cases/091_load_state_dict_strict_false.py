import torch
import torch.nn as nn
model = nn.Sequential(nn.Linear(2, 2), nn.Linear(2, 1))
sd = model.state_dict()
del sd["1.bias"]
sd["2.weight"] = torch.zeros(1)
result = model.load_state_dict(sd, strict=False)
print(result)
print(result.missing_keys)
print(result.unexpected_keys)
