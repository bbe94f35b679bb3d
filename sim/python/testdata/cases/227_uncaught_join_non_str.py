# str.join with a non-str item.
parts = ["epoch", 3, "done"]
print(" ".join(parts))
