# A bare assert.
x = 3
assert x % 2 == 0
