import itertools
print(list(itertools.islice(itertools.count(10, 5), 4)), list(itertools.islice("abcdefg", 1, 6, 2)))
print(list(itertools.chain([1, 2], "ab", ())), list(itertools.islice(itertools.cycle("xy"), 5)))
print(list(itertools.repeat(7, 3)), list(itertools.product("ab", [0, 1])), list(itertools.product([1, 2], repeat=2)))
print(list(itertools.accumulate([1, 2, 3, 4])), list(itertools.accumulate([3, 1, 2], max)))
print(list(itertools.zip_longest([1, 2, 3], "ab", fillvalue="-")))
batches = iter(range(10))
for step, batch in enumerate(itertools.islice(batches, 3)):
    print(step, batch)
print(next(batches))
import itertools
print(list(itertools.chain.from_iterable([[1, 2], "ab"])), list(itertools.chain([1], [2])))
