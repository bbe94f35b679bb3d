import torch
from torch.utils.data import Dataset, DataLoader
class Squares(Dataset):
    def __init__(self, n):
        self.n = n
    def __len__(self):
        return self.n
    def __getitem__(self, i):
        return {"x": torch.tensor([float(i)]), "y": i * i, "name": str(i)}
torch.manual_seed(1)
dl = DataLoader(Squares(5), batch_size=2, shuffle=True, drop_last=True)
print(len(dl))
for epoch in range(2):
    for b in dl:
        print(epoch, b["x"].flatten().tolist(), b["y"], b["name"])
state = torch.get_rng_state()
first = [b["y"].tolist() for b in dl]
torch.set_rng_state(state)
print(first == [b["y"].tolist() for b in dl])
