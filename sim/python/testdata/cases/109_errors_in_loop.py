# Handling errors per item and carrying on.
raw = ["1", "2.5", "x", "4", "", "6"]
parsed, bad = [], []
for item in raw:
    try:
        parsed.append(int(item))
    except ValueError as e:
        bad.append(str(e))
        continue
print(parsed)
for msg in bad:
    print(msg)
