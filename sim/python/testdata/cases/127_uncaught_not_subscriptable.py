# Subscripting an int.
epoch = 3
print(epoch)
first = epoch[0]
