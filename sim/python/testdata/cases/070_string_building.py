# Building text: join, format and accumulation.
lines = []
for epoch in range(1, 4):
    lines.append(f"epoch {epoch}: loss {1 / epoch:.3f}")
print("\n".join(lines))
header = "|".join(name.center(7) for name in ["name", "size"])
print(header)
print("-" * len(header))
for name, size in [("w1", 1024), ("b1", 32)]:
    print(f"{name:^7}|{size:^7}")
csv = ",".join(map(str, [1, 2.5, "x", None]))
print(csv)
print(str([1, "a"]), repr([1, "a"]))
