# LEGB: local, enclosing, global, builtin.
x = "global"


def outer():
    x = "enclosing"

    def inner():
        return x

    def shadow():
        x = "local"
        return x
    return inner(), shadow()


print(outer(), x)


def uses_builtin():
    return len("abc")


len_backup = len
print(uses_builtin())


def shadows_builtin():
    len = lambda s: -1
    return len("abc")


print(shadows_builtin(), len("abc"))
