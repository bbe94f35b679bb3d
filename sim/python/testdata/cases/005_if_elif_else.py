# if / elif / else chains and truthiness.
def grade(score):
    if score >= 90:
        return "A"
    elif score >= 80:
        return "B"
    elif score >= 70:
        return "C"
    else:
        return "F"


for s in [95, 85, 72, 10]:
    print(s, grade(s))

for value in [0, 1, "", "x", [], [0], None, 0.0, {}]:
    if value:
        print(repr(value), "is truthy")
    else:
        print(repr(value), "is falsy")
x = 5
if x > 3 and x < 10:
    print("between")
if not x == 4:
    print("not four")
