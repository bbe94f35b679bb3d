import torch
import torch.nn as nn
model = nn.Linear(2, 1)
sd = model.state_dict()
sd["extra"] = torch.zeros(1)
sd["scale"] = torch.ones(1)
model.load_state_dict(sd)
