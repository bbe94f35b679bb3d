import torch
import torch.nn as nn
torch.manual_seed(0)
src = nn.Sequential(nn.Linear(3, 3), nn.BatchNorm1d(3), nn.Linear(3, 1))
src(torch.randn(4, 3))
dst = nn.Sequential(nn.Linear(3, 3), nn.BatchNorm1d(3), nn.Linear(3, 1))
print(dst.load_state_dict(src.state_dict()))
print(all(torch.equal(a, b) for a, b in zip(src.state_dict().values(), dst.state_dict().values())))
print(dst[1].running_mean)
print(dst[1].num_batches_tracked)
