# The messages of common TypeErrors.
def f(a, b):
    return a


nothing = None
five = 5
index = 1.5


class Net:
    def forward(self, x):
        return x


tests = [
    lambda: "a" + 1,
    lambda: 1 + "a",
    lambda: [1] + (2,),
    lambda: "a" * "b",
    lambda: None + 1,
    lambda: len(5),
    lambda: nothing(),
    lambda: five[0],
    lambda: {}[[1]],
    lambda: f(1),
    lambda: f(1, 2, 3),
    lambda: f(1, b=2, c=3),
    lambda: f(1, a=1),
    lambda: Net().forward(),
    lambda: Net().forward(1, 2),
    lambda: int([1]),
    lambda: sum(["a", "b"]),
    lambda: sorted([1, "a"]),
    lambda: "x" < 1,
    lambda: [1, 2].append(1, 2),
    lambda: "abc"[index],
    lambda: (1, 2)[0:1:0],
    lambda: iter(5),
    lambda: abs("x"),
    lambda: -"x",
]
for t in tests:
    try:
        t()
    except TypeError as e:
        print(e)
    except ValueError as e:
        print("ValueError:", e)
