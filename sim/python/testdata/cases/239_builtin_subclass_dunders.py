# Subclasses of list and dict that define special methods: len, indexing,
# iteration, "in", item assignment and repr call them, super() reaches list's
# and dict's own, and instances of such subclasses take attributes.
class Squares(list):
    def __len__(self):
        return 99

    def __getitem__(self, i):
        return super().__getitem__(i) ** 2

    def __iter__(self):
        return iter([-1, -2])

    def __contains__(self, x):
        return x == "always"


s = Squares([1, 2, 3])
print(len(s), s[2], list(s), [x for x in s], "always" in s, 1 in s)
print(sorted(s), sum(s), s)


class Config(dict):
    def __getitem__(self, k):
        return super().__getitem__(k.lower())

    def __len__(self):
        return 0


c = Config(lr=0.1)
print(c["LR"], len(c), c.get("lr"), "lr" in c, list(c))


class Shown(list):
    def __repr__(self):
        return "Shown!"
    def __setitem__(self, i, v):
        super().__setitem__(i, v * 10)
    def __eq__(self, o):
        return True
l = Shown([1, 2])
l[0] = 5
print(l, [l], l == 3, str(l), list(l))
l.tag = "x"
print(l.tag)


class Noted(dict):
    pass


n = Noted(a=1)
n.note = "from epoch 3"
n.clear()
print(n, n.note, vars(n))


class Batch(list):
    def __init__(self, xs, tag):
        super().__init__(xs)
        self.tag = tag


b = Batch((x * x for x in range(3)), "squares")
print(b, b.tag, list(x for x in range(2)), list(range(2)), list())
try:
    list([1], [2])
except TypeError as e:
    print("TypeError:", e)
