# Training N steps equals training k steps, snapshotting everything (deep
# copies of the state dicts and the RNG state), restoring into fresh
# objects and training N - k more, bit for bit, for every optimizer and
# scheduler, with Dropout drawing from the RNG and BatchNorm's buffers.
import copy
import torch
import torch.nn as nn
import torch.optim as optim

torch.manual_seed(0)
x = torch.randn(16, 4)
y = torch.randn(16, 1)

def make(opt_name, seed=1):
    torch.manual_seed(seed)
    model = nn.Sequential(nn.Linear(4, 8), nn.BatchNorm1d(8), nn.ReLU(), nn.Dropout(0.25), nn.Linear(8, 1))
    if opt_name == "sgd":
        opt = optim.SGD(model.parameters(), lr=0.05, momentum=0.9, nesterov=True, weight_decay=1e-3)
    elif opt_name == "sgd-dampening":
        opt = optim.SGD(model.parameters(), lr=0.05, momentum=0.5, dampening=0.1, maximize=False)
    elif opt_name == "adam":
        opt = optim.Adam(model.parameters(), lr=0.01, amsgrad=True, weight_decay=1e-4)
    else:
        opt = optim.AdamW(model.parameters(), lr=0.01, betas=(0.8, 0.99))
    sched = optim.lr_scheduler.StepLR(opt, step_size=5, gamma=0.7)
    return model, opt, sched

def train(model, opt, sched, steps):
    for _ in range(steps):
        opt.zero_grad()
        loss = nn.functional.mse_loss(model(x), y)
        loss.backward()
        opt.step()
        sched.step()
    return loss.item()

for name in ["sgd", "sgd-dampening", "adam", "adamw"]:
    model, opt, sched = make(name)
    full = train(model, opt, sched, 30)
    reference = copy.deepcopy(model.state_dict())

    model, opt, sched = make(name)
    train(model, opt, sched, 12)
    # the model and RNG state deep-copied in memory, everything through a file
    snapshot = copy.deepcopy({'model': model.state_dict(), 'rng': torch.get_rng_state()})
    torch.save({'opt': opt.state_dict(), 'sched': sched.state_dict()}, 'snap.pth')
    train(model, opt, sched, 3)  # keep going, then throw this run away

    model, opt, sched = make(name, seed=99)
    snap = torch.load('snap.pth')
    model.load_state_dict(snapshot['model'])
    opt.load_state_dict(snap['opt'])
    sched.load_state_dict(snap['sched'])
    torch.set_rng_state(snapshot['rng'])
    resumed = train(model, opt, sched, 18)
    same = all(torch.equal(a, b) for a, b in zip(reference.values(), model.state_dict().values()))
    print(name, full == resumed, same, opt.param_groups[0]['lr'])
