import torch.nn as nn
model = nn.Linear(2, 1)
sd = model.state_dict()
print(sd["weight"].shape)
print(sd["fc.weight"])
