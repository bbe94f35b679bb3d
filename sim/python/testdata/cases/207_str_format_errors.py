# The errors of str.format.
tests = [
    lambda: "{} {}".format(1),
    lambda: "{0} {}".format(1, 2),
    lambda: "{} {1}".format(1, 2),
    lambda: "{name}".format(nam=1),
    lambda: "{".format(),
    lambda: "}".format(),
    lambda: "{0.real.imag.x}".format(1),
    lambda: "{0[5]}".format([1]),
    lambda: "{!z}".format(1),
    lambda: "{:>{}}".format("a"),
    lambda: "{:d}".format(1.5),
    lambda: "{:s}".format(3),
    lambda: "{:,s}".format("a"),
    lambda: "{:.}".format(1.0),
    lambda: "{0:{1:{2}}}".format(1, 2, 3),
]
for t in tests:
    try:
        print(t())
    except (TypeError, ValueError, KeyError, IndexError, AttributeError) as e:
        print(type(e).__name__ + ":", e)
