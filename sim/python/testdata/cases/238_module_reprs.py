# os.path is the posixpath module; os, posixpath and io are frozen into
# CPython 3.11+, math, time and itertools are built in.
import io
import itertools
import math
import os
import os.path
import time
from os import path

print(os.path.__name__, path.__name__, os.__name__)
print(os)
print(os.path)
print(io)
print(math, time, itertools)
