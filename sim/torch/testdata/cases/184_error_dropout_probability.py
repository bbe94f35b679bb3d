import torch.nn as nn
print(nn.Dropout(0.0))
d = nn.Dropout(1.5)
