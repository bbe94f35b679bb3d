import torch
import torch.nn as nn
model = nn.Linear(2, 1)
sd = model.state_dict()
del sd["bias"]
model.load_state_dict(sd)
