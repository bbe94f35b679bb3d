# finally runs even on return, break and continue.
def f():
    try:
        return "from try"
    finally:
        print("cleanup")


print(f())


def g():
    try:
        return 1
    finally:
        return 2


print(g())
for i in range(3):
    try:
        if i == 1:
            continue
        if i == 2:
            break
        print("body", i)
    finally:
        print("finally", i)
