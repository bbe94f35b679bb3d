import torch
import torch.nn as nn
for seed in [0, 1, 42, 1234]:
    torch.manual_seed(seed)
    m = nn.Linear(4, 3)
    print(seed, m.weight, m.bias, sep="\n")
