# and/or return an operand and stop early.
def loud(name, value):
    print("evaluating", name)
    return value


print(loud("a", 0) and loud("b", 1))
print(loud("a", 2) and loud("b", 3))
print(loud("a", "") or loud("b", "fallback"))
print(loud("a", "first") or loud("b", "never"))
print(not 0, not "x", not None)
print(None or [] or {} or "last")
print(1 and 2 and 3, 1 and 0 and 3)
config = {}
lr = config.get("lr") or 0.001
print(lr)
