# KeyError with an int key, in an augmented assignment.
counts = {0: 1}
for label in [0, 1]:
    counts[label] += 1
