# global and nonlocal rebinding.
counter = 0


def bump():
    global counter
    counter += 1
    return counter


bump()
bump()
print(counter)


def make_counter():
    count = 0

    def inc():
        nonlocal count
        count += 1
        return count
    return inc


c1 = make_counter()
c2 = make_counter()
print(c1(), c1(), c1(), c2())


def outer():
    x = "outer"

    def inner():
        x = "inner"
        return x
    inner()
    return x


print(outer())
