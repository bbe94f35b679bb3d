# The format-spec mini-language in f-strings.
x = 1234.5678
n = 42
print(f"{x:.2f}|{x:10.1f}|{x:<10.1f}|{x:^10.1f}|{x:>10.1f}|")
print(f"{x:,.2f}|{x:_.3f}|{x:e}|{x:.3E}|{x:g}|{x:.3g}|{x:%}|{0.25:.1%}")
print(f"{n:d}|{n:5d}|{n:05d}|{n:+d}|{-n:+d}|{n: d}|{n:x}|{n:X}|{n:#x}|{n:o}|{n:#o}|{n:b}|{n:#b}")
print(f"{n:*^9}|{n:=+6}|{1234567:,}|{1234567:_}|{255:_b}|{n:c}")
print(f"{'ckpt':>8}|{'ckpt':<8}|{'ckpt':^9}|{'ckpt':.2}|{'ckpt':-^10}")
width, prec = 12, 3
print(f"{x:{width}.{prec}f}|{x:>{width}}|")
print(f"{1e16}|{1e16:.3}|{0.1:.3}|{100.0:.3}|{1.0:.0f}|{2.5:.0f}|{3.5:.0f}")
print(f"{-0.0:.1f}|{-0.0001:z.2f}|{float('inf'):f}|{float('nan'):+.2f}")
print(f"{True:d}|{True}|{False:>6}|{3:.2f}|{2 ** 70:,}")
