# x if cond else y, including nesting.
for n in [-3, 0, 4]:
    sign = "negative" if n < 0 else "zero" if n == 0 else "positive"
    print(n, sign)
values = [1, 2, 3, 4]
print(["even" if v % 2 == 0 else "odd" for v in values])
best = None
loss = 0.5
best = loss if best is None or loss < best else best
print(best)
print((lambda x: "big" if x > 10 else "small")(11))
