# Unpacking more values than names.
pair = (1, 2, 3)
a, b = pair
