import torch
import torch.nn as nn
emb = nn.Embedding(5, 3)
out = emb(torch.tensor([5]))
