import torch
import torch.nn as nn
logits = torch.tensor([[1.0, 2.0], [0.5, 0.1]])
print(nn.CrossEntropyLoss()(logits, torch.tensor([1, 0])))
nn.CrossEntropyLoss()(logits, torch.tensor([1.0, 0.0]).long().float().unsqueeze(1))
