# enumerate and zip.
names = ["model", "optimizer", "epoch"]
for i, n in enumerate(names):
    print(i, n)
for i, n in enumerate(names, start=1):
    print(i, n)
print(list(enumerate("ab")))
values = [1, 2, 3, 4]
print(list(zip(names, values)))
print(dict(zip(names, values)))
pairs = [(1, "a"), (2, "b")]
nums, letters = zip(*pairs)
print(nums, letters)
print(list(zip()), list(zip([1], [2], [3])))
for a, b in zip(range(3), "xyz"):
    print(a, b)
