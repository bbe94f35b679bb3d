x = 2
try:
    eval("x / 0")
except ZeroDivisionError as e:
    print("caught", e)
exec("def f():\n    return 1 / 0")
x = 2
print(eval("x * 21"), eval("[i for i in range(x)]"))
exec("y = x + 1\nprint(y)")
print(y)
f()
