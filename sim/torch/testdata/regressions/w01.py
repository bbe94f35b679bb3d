import torch
import torch.nn as nn
x = torch.arange(6.).reshape(2, 3)
tests = [
    lambda: torch.zeros(-1),
    lambda: x.view(0),
    lambda: torch.cat([]),
    lambda: x[::-1],
    lambda: x.sum(dim=5),
    lambda: torch.randint(5, 2, (3,)),
    lambda: torch.arange(0, 10, 0),
    lambda: torch.linspace(0, 1, -1),
    lambda: x.reshape(-1, -1),
    lambda: torch.stack([]),
    lambda: nn.Linear(-1, 2),
    lambda: torch.optim.SGD([1, 2], lr=0.1),
    lambda: x[5],
    lambda: x[0, 0, 0],
    lambda: x.t().view(6),
    lambda: x.unsqueeze(5),
    lambda: torch.tensor([1, 2]) / 0,
    lambda: torch.tensor([1, 2]) // 0,
    lambda: torch.ones(2, 3) @ torch.ones(2, 3),
    lambda: x.max(dim=3),
    lambda: torch.tensor("abc"),
    lambda: x.item(),
    lambda: x.backward(),
    lambda: nn.MSELoss()(x, "y"),
    lambda: torch.set_rng_state(torch.zeros(3)),
    lambda: torch.manual_seed("a"),
    lambda: x.to("tpu"),
    lambda: torch.load(5),
    lambda: x.expand(3, 3),
    lambda: x.permute(0, 0),
]
for i, t in enumerate(tests):
    try:
        r = t()
        print(i, "ok", r)
    except Exception as e:
        print(i, type(e).__name__, str(e).split("\n")[0][:120])
