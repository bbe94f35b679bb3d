import torch
import torch.nn as nn
torch.manual_seed(0)
m = nn.Linear(3, 2)
print(m.weight)
torch.manual_seed(0)
m.reset_parameters()
print(m.weight, m.bias, sep="\n")
nn.init.zeros_(m.bias)
nn.init.ones_(m.weight)
print(m.weight, m.bias, sep="\n")
