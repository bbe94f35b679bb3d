# The errors of % formatting.
tests = [
    lambda: "%d" % "3",
    lambda: "%s %s" % ("only one",),
    lambda: "%s" % ("a", "b"),
    lambda: "%(name)s" % ("tuple",),
    lambda: "%(name)s" % {"other": 1},
    lambda: "%z" % 1,
    lambda: "%" % (),
    lambda: "%x" % 2.5,
    lambda: "%c" % "ab",
    lambda: "%.2f" % "x",
    lambda: "%*d" % ("5", 1),
]
for t in tests:
    try:
        print(t())
    except (TypeError, ValueError, KeyError) as e:
        print(type(e).__name__ + ":", e)
