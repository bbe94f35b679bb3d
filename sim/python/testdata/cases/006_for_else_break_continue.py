# for loops with break, continue and else.
for n in range(2, 20):
    for d in range(2, n):
        if n % d == 0:
            break
    else:
        print(n, "is prime")

for i in range(10):
    if i % 3 == 0:
        continue
    if i > 7:
        break
    print("i =", i)
else:
    print("never printed")

for ch in "":
    print("empty")
else:
    print("else runs when the loop ends normally")
