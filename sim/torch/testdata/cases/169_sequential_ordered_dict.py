from collections import OrderedDict
import torch.nn as nn
model = nn.Sequential(OrderedDict([
    ("hidden", nn.Linear(3, 4)),
    ("act", nn.ReLU()),
    ("out", nn.Linear(4, 1)),
]))
print(model)
print(model.hidden)
print(list(model.state_dict().keys()))
