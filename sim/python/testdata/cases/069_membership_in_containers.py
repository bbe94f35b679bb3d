# The in operator on each container type.
print(2 in [1, 2], 2 in (1, 2), 2 in {1, 2}, 2 in {2: "v"}, "v" in {2: "v"})
print("ell" in "hello", "" in "abc", [1] in [[1], [2]], (1,) in [(1,)])
print(3 in range(0, 10, 3), 4 in range(0, 10, 3))
keys = {"model": 1, "optimizer": 2}
for k in ["model", "scheduler"]:
    print(k, "present" if k in keys else "missing")
print(1.0 in [1], True in [1], None in [0, None])
