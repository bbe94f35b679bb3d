import torch
import torch.nn as nn
emb = nn.Embedding(4, 2)
emb(torch.tensor([0.0, 1.0]))
