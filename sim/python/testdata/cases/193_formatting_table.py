# A table of parameters formatted with widths and alignment.
params = [("conv1.weight", (16, 3, 3, 3)), ("conv1.bias", (16,)), ("fc.weight", (10, 256)), ("fc.bias", (10,))]
total = 0
print(f"{'name':<14}{'shape':>16}{'numel':>8}")
for name, shape in params:
    numel = 1
    for d in shape:
        numel *= d
    total += numel
    print(f"{name:<14}{str(shape):>16}{numel:>8,}")
print(f"{'total':<14}{'':>16}{total:>8,}")
print("{:.1%} of parameters are biases".format((16 + 10) / total))
