# A module attribute read again and again (in a loop, in a function) sees
# every change to the module: a new value, a deleted and re-added name,
# another module under the same name, a name only one of them has.
import json
import math
import os


def read():
    return math.pi


values = []
for step in range(3):
    values.append(read())
    if step == 0:
        math.pi = 3
    elif step == 1:
        del math.pi
        math.pi = 22 / 7
print(values)


def tau(m):
    return m.tau


for m in [math, json, math]:
    try:
        print(m.__name__, tau(m))
    except AttributeError as e:
        print("AttributeError:", e)
json.tau = "json's own"
print(tau(json), tau(math))

print(os.path.basename("/a/b.txt"), os.sep)
for _ in range(2):
    print(os.path.join("a", "b"))
del math.pi
print(read())
