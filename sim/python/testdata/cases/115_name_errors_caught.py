# NameError and UnboundLocalError caught and printed.
try:
    print(undefined_thing)
except NameError as e:
    print("NameError:", e, "|", e.name)


def uses_before_assign():
    total = total + 1
    return total


try:
    uses_before_assign()
except UnboundLocalError as e:
    print("UnboundLocalError:", e)
except NameError as e:
    print("NameError:", e)


def f():
    del_me = 1
    del del_me
    return del_me


try:
    f()
except NameError as e:
    print(type(e).__name__, e)
