import torch, torch.nn as nn, torch.optim as optim
torch.manual_seed(0)
m = nn.Sequential(nn.Linear(2, 3), nn.BatchNorm1d(3), nn.Linear(3, 1))
o = optim.Adam(m.parameters(), lr=0.01)
s = optim.lr_scheduler.StepLR(o, step_size=2)
m(torch.randn(4, 2)).sum().backward(); o.step(); s.step()
torch.save({"model": m.state_dict(), "opt": o.state_dict(), "sched": s.state_dict(), "rng": torch.get_rng_state(), "epoch": 3, "t16": torch.tensor([1.5], dtype=torch.float16), "big": torch.arange(3)}, "real.pth")
