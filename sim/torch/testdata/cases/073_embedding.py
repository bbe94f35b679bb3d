import torch
import torch.nn as nn
torch.manual_seed(0)
emb = nn.Embedding(5, 3)
print(emb)
print(emb.weight)
print(emb(torch.tensor([0, 4, 4])))
print(emb(torch.tensor([[1, 2], [3, 0]])).shape)
