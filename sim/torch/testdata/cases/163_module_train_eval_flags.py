import torch.nn as nn
model = nn.Sequential(nn.Linear(2, 2), nn.Dropout(0.5), nn.BatchNorm1d(2))
print(model.training, model[1].training)
model.eval()
print(model.training, model[1].training, model[2].training)
model.train()
print(model.training, model[2].training)
r = model.train(False)
print(r is model, model.training)
