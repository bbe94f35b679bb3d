import copy
import torch
import torch.nn as nn
model = nn.Linear(2, 1)
shallow = model.state_dict()
deep = copy.deepcopy(model.state_dict())
cloned = {k: v.clone() for k, v in model.state_dict().items()}
with torch.no_grad():
    model.bias.fill_(5.0)
print(shallow["bias"], deep["bias"].item() == 5.0, cloned["bias"].item() == 5.0)
