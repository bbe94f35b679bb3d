import torch
import torch.nn as nn
torch.manual_seed(0)
ckpt = {"rng": torch.get_rng_state(), "epoch": 3}
first = nn.Dropout(0.5)(torch.ones(10))
torch.set_rng_state(ckpt["rng"])
again = nn.Dropout(0.5)(torch.ones(10))
print(first)
print(torch.equal(first, again), ckpt["epoch"])
