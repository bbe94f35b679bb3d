import torch
import torch.nn as nn
m = nn.Linear(2, 2)
sd = m.state_dict()
sd["weight"] = torch.zeros(3, 2)
sd["bias"] = 5
m.load_state_dict(sd)
