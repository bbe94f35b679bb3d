import torch.nn as nn
model = nn.Linear(2, 1)
print(model.in_features, model.out_features)
print(model.weights)
