# Nested lists and dicts, as checkpoints are built.
checkpoint = {
    "epoch": 5,
    "model": {"layer1.weight": [[0.1, 0.2], [0.3, 0.4]], "layer1.bias": [0.0, 0.5]},
    "history": [{"epoch": 1, "loss": 2.5}, {"epoch": 2, "loss": 1.25}],
}
print(checkpoint)
print(checkpoint["model"]["layer1.weight"][1][0])
print([h["loss"] for h in checkpoint["history"]])
checkpoint["history"].append({"epoch": 3, "loss": 0.625})
print(len(checkpoint["history"]), checkpoint["history"][-1])
for name, value in checkpoint["model"].items():
    print(name, len(value))
grid = [[0] * 3 for _ in range(2)]
grid[0][1] = 7
print(grid)
