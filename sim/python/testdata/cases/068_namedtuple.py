# collections.namedtuple.
from collections import namedtuple

Point = namedtuple("Point", ["x", "y"])
p = Point(1, 2)
print(p, p.x, p[1], len(p))
print(p._asdict(), p._replace(y=5), Point._fields)
x, y = p
print(x + y, p == (1, 2))
Record = namedtuple("Record", "epoch loss")
r = Record(epoch=3, loss=0.25)
print(r, r.loss)
print(Record._make([4, 0.125]))
print(isinstance(p, tuple), type(p).__name__)
try:
    p.x = 10
except AttributeError as e:
    print("AttributeError:", e)
