# The forms of import.
import math
import math as m
from math import sqrt, pi
from math import floor as fl
import os.path
from os import path
from collections import OrderedDict, defaultdict
import copy, random

print(math.sqrt(16), m.sqrt(9), sqrt(4))
print(pi)
print(fl(2.7))
print(os.path.join("a", "b"), path.basename("/x/y.pt"))
print(OrderedDict.__name__, defaultdict.__name__)
print(copy.copy([1]), random.Random(1).random())
print(type(math).__name__, math.__name__)
