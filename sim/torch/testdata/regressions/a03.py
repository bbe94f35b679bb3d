import torch
import torch.nn as nn
m = nn.Linear(3, 2)
m(torch.ones(1, 2))
