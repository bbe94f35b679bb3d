# Float overflow in exponentiation.
growth = 1.5
steps = 2000
print(growth ** 10)
value = growth ** steps
