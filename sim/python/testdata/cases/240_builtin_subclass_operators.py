# Operators and truth on subclasses of list and dict: the subclass's own
# __bool__, __add__, __iadd__, __mul__ and __eq__ are called; dict.copy of a
# subclass is a plain dict; copy.copy and copy.deepcopy keep the subclass and
# its attributes.
class D(dict):
    pass


d = D(a=1)
print(type(d.copy()).__name__, d.copy())


class L(list):
    def __eq__(self, o):
        return "eq"

    def __bool__(self):
        return False

    def __add__(self, o):
        return "add"

    def __iadd__(self, o):
        return "iadd"

    def __mul__(self, n):
        return "mul"


l = L([1])
print(l == 2, bool(l), l + [2], not l, l * 2)
if l:
    print("truthy")
else:
    print("falsy")
print("yes" if l else "no", l and 1, l or 2, [x for x in [1] if l])
while l:
    break
else:
    print("while saw falsy")
l += [3]
print(l)


class Plain(list):
    pass


p = Plain([1])
p += [2]
print(p, type(p).__name__, bool(Plain()), p + [3], p * 2)


import copy


class D(dict):
    pass
class L(list):
    pass
d = D(a=[1]); d.tag = ['t']
l = L([[1]]); l.tag = ['u']
for f in (copy.copy, copy.deepcopy):
    e, m = f(d), f(l)
    print(type(e).__name__, e, getattr(e, 'tag', None), e.tag is d.tag if hasattr(e, 'tag') else '-', type(m).__name__, m, getattr(m, 'tag', None))
