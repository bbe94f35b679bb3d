import torch
import torch.nn as nn
import torch.nn.functional as F
logits = torch.tensor([[2.0, 0.5, -1.0], [0.1, 0.2, 3.0]])
labels = torch.tensor([0, 2])
print(nn.CrossEntropyLoss()(logits, labels))
print(F.cross_entropy(logits, labels, reduction="none"))
print(F.mse_loss(logits, torch.zeros(2, 3)))
print(F.l1_loss(logits, torch.zeros(2, 3)))
