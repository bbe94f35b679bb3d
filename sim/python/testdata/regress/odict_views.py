import collections
d = collections.OrderedDict(a=1)
print(d.keys(), d.values(), d.items(), {}.keys())
