import torch
import torch.nn.functional as F
torch.manual_seed(3)
x = torch.arange(1.0, 21.0)
print(F.dropout(x, p=0.2))
print(F.dropout(x, p=0.2, training=False))
print(F.dropout(torch.ones(3, 4), p=0.75))
