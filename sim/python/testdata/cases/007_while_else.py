# while loops, with else, break and continue.
n = 27
steps = 0
while n != 1:
    n = n // 2 if n % 2 == 0 else 3 * n + 1
    steps += 1
print("steps:", steps)

k = 0
while k < 5:
    k += 1
    if k == 2:
        continue
    print("k", k)
else:
    print("done at", k)

count = 10
while True:
    count -= 3
    if count < 0:
        break
print("count", count)
