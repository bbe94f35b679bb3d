# collections.defaultdict.
from collections import defaultdict

groups = defaultdict(list)
for word in ["apple", "avocado", "banana", "blueberry", "cherry"]:
    groups[word[0]].append(word)
print(groups)
print(dict(groups))
counts = defaultdict(int)
for ch in "mississippi":
    counts[ch] += 1
print(sorted(counts.items()))
print(counts["z"], "z" in counts, len(counts))
nested = defaultdict(lambda: defaultdict(float))
nested["a"]["x"] += 1.5
print(nested["a"]["x"], dict(nested["a"]))
plain = defaultdict()
try:
    plain["missing"]
except KeyError as e:
    print("KeyError:", e)
