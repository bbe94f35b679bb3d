import torch
import torch.nn as nn
torch.manual_seed(0)
model = nn.Linear(2, 1)
sd = model.state_dict()
with torch.no_grad():
    model.weight.fill_(1.0)
print(sd["weight"])
print(sd["weight"].requires_grad)
sd["bias"].zero_()
print(model.bias)
