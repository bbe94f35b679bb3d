# Sorting values that cannot be compared.
keys = ["epoch", 3, "loss"]
ordered = sorted(keys)
