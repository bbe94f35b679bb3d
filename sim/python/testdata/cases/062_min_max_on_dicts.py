# min/max/sorted over dicts with key functions.
losses = {"epoch1": 0.9, "epoch2": 0.4, "epoch3": 0.55}
best = min(losses, key=losses.get)
print(best, losses[best])
print(max(losses.items(), key=lambda kv: kv[1]))
print(sorted(losses.values()))
print(min(losses), max(losses))
history = [{"epoch": 1, "acc": 0.7}, {"epoch": 2, "acc": 0.85}, {"epoch": 3, "acc": 0.8}]
top = max(history, key=lambda h: h["acc"])
print(top)
print(sum(h["acc"] for h in history) / len(history))
