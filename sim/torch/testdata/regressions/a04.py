import torch
import torch.nn as nn
m = nn.Linear(2, 1)
m.load_state_dict("checkpoint.pth")
