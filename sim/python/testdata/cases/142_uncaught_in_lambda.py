# An exception raised inside a lambda used as a sort key.
runs = [{"name": "a", "loss": 0.5}, {"name": "b"}]
best = sorted(runs, key=lambda r: r["loss"])
