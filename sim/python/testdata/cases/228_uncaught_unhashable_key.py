# A list used as a dict key.
shapes = {}
shape = [3, 4]
shapes[shape] = "weight"
