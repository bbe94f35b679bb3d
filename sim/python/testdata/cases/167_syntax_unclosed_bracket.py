# An unclosed parenthesis.
print("start")
sizes = [3, 4
total = sum(sizes)
