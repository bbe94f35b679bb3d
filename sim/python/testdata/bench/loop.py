# A pure-Python loop: arithmetic, function calls, dict and list operations.
def step(x, acc):
    return (x * 3 + acc) % 1000003


def run(n):
    counts = {}
    items = []
    acc = 0
    for i in range(n):
        acc = step(i, acc)
        key = acc % 97
        counts[key] = counts.get(key, 0) + 1
        if i % 10 == 0:
            items.append(acc)
    total = 0
    for v in items:
        total += v
    return acc, len(counts), total


print(run(300000))
