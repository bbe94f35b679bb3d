# A misspelled function of a module.
import math

print(math.sqrt(2))
print(math.sqroot(2))
