# sorted() and list.sort(): keys, reverse, stability, tuples.
words = ["banana", "Apple", "cherry", "apple", "Banana"]
print(sorted(words))
print(sorted(words, key=str.lower))
print(sorted(words, key=len))
print(sorted(words, key=lambda w: (len(w), w), reverse=True))
records = [("b", 2), ("a", 2), ("c", 1)]
records.sort(key=lambda r: r[1])
print(records)
print(sorted([3.5, 1, 2.25, -1]), sorted({3: "x", 1: "y"}), sorted("cab"))
scores = {"ada": 90, "bob": 72, "cy": 90}
print(sorted(scores, key=scores.get, reverse=True))
print(sorted(scores.items(), key=lambda kv: (-kv[1], kv[0])))
print(sorted([[2, 1], [1, 2], [1, 1]]))
