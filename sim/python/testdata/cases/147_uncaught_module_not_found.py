# Importing a module that is not available.
import math
print(math.floor(2.5))
import pandas
