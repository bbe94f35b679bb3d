import torch
from torch.utils.data import DataLoader, TensorDataset
torch.manual_seed(0)
ds = TensorDataset(torch.arange(10.).unsqueeze(1), torch.arange(10))
dl = DataLoader(ds, batch_size=4, shuffle=True)
for xb, yb in dl:
    print(xb.flatten().tolist(), yb.tolist(), type(xb).__name__)
print(torch.rand(1))
g = torch.Generator().manual_seed(5)
print([y.tolist() for _, y in DataLoader(ds, batch_size=5, shuffle=True, generator=g)])
print(torch.rand(1))
torch.manual_seed(0)
dl2 = DataLoader(ds, batch_size=3)
print([y.tolist() for _, y in dl2], len(dl2))
print(torch.rand(1))
print(next(iter(DataLoader(ds, batch_size=2, shuffle=False, drop_last=True)))[1])
