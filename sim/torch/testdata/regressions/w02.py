import torch
import torch.nn as nn
import torch.optim as optim
m = nn.Linear(2, 1)
opt = optim.SGD(m.parameters(), lr=0.1)
tests = [
    lambda: optim.SGD(m.parameters(), lr=0.1, nesterov=True),
    lambda: optim.Adam(m.parameters(), betas=(1.0, 0.9)),
    lambda: optim.Adam(m.parameters(), eps=-1),
    lambda: optim.SGD(m.weight, lr=0.1),
    lambda: optim.SGD([m.weight * 2], lr=0.1),
    lambda: opt.load_state_dict({'state': {}}),
    lambda: m.load_state_dict({'weight': 3, 'bias': torch.zeros(1)}),
    lambda: m.register_buffer("weight", torch.zeros(1)),
    lambda: nn.Sequential(5),
    lambda: nn.Dropout(1.5),
    lambda: nn.BatchNorm1d(3)(torch.zeros(1, 3)),
    lambda: nn.BatchNorm1d(3)(torch.zeros(4, 2)),
    lambda: nn.Embedding(3, 2)(torch.tensor([5])),
    lambda: nn.Embedding(3, 2)(torch.tensor([1.0])),
    lambda: nn.CrossEntropyLoss()(torch.zeros(2, 3), torch.tensor([0, 5])),
    lambda: nn.CrossEntropyLoss()(torch.zeros(2, 3), torch.tensor([0])),
    lambda: nn.MSELoss(reduction="avg"),
    lambda: m(torch.zeros(2, 3)),
    lambda: m.forward(),
    lambda: nn.Module()(torch.zeros(1)),
    lambda: optim.lr_scheduler.StepLR(opt),
    lambda: optim.lr_scheduler.StepLR(m, step_size=1),
    lambda: torch.nn.functional.mse_loss(torch.zeros(2), torch.zeros(3)),
    lambda: m.weight.grad.zero_(),
]
for i, t in enumerate(tests):
    try:
        r = t()
        print(i, "ok", r)
    except Exception as e:
        print(i, type(e).__name__, str(e).split("\n")[0][:150])
