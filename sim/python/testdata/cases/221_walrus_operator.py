# Assignment expressions (:=).
values = [3, 8, 1, 9, 4]
if (n := len(values)) > 3:
    print("long list of", n)
big = [y for x in values if (y := x * 2) > 10]
print(big)
data = iter(["a", "b", ""])
while (item := next(data)):
    print("item", item)
print(n, y)
