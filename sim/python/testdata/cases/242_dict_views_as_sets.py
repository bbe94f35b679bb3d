# Keys and items views behave like sets: comparing the keys a checkpoint
# holds with the keys a model expects is a set question.
expected = {"weight": 0, "bias": 0, "running_mean": 0}
checkpoint = {"weight": 1.5, "bias": -0.5, "epoch": 3}

print("missing:", sorted(expected.keys() - checkpoint.keys()))
print("unexpected:", sorted(checkpoint.keys() - expected.keys()))
print("shared:", sorted(expected.keys() & checkpoint.keys()))
print("all:", sorted(expected.keys() | checkpoint.keys()))
print("either, not both:", sorted(expected.keys() ^ checkpoint.keys()))
print(expected.keys() <= checkpoint.keys(), {"weight", "bias"} < checkpoint.keys())
print(checkpoint.keys() > {"epoch"}, checkpoint.keys() >= checkpoint.keys())
print(expected.keys() == {"weight", "bias", "running_mean"}, expected.keys() != {"weight"})
print(expected.keys() == ["weight", "bias", "running_mean"])

# Operators take any iterable on either side and give a set.
print(sorted(["epoch", "lr"] & checkpoint.keys()), sorted(checkpoint.keys() - ["epoch"]))

# Items compare as (key, value) pairs, even with unhashable values.
print(checkpoint.items() >= {("epoch", 3)}, ("bias", -0.5) in checkpoint.items())
print({"layers": [1, 2]}.items() == {"layers": [1, 2]}.items())
print(sorted(checkpoint.items() & {("epoch", 3), ("epoch", 4)}))

try:
    checkpoint.keys() < ["weight"]
except TypeError as e:
    print("TypeError:", e)
try:
    {"layers": [1, 2]}.items() | set()
except TypeError as e:
    print("TypeError:", e)
