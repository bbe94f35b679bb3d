# Decorators with and without arguments.
def announce(func):
    def wrapper(*args, **kwargs):
        print("calling", func.__name__, args)
        result = func(*args, **kwargs)
        print("returned", result)
        return result
    return wrapper


@announce
def add(a, b):
    return a + b


add(2, 3)


def repeat(times):
    def decorate(func):
        def wrapper(*args):
            return [func(*args) for _ in range(times)]
        return wrapper
    return decorate


@repeat(3)
def greet(name):
    return "hi " + name


print(greet("ada"))


def register(registry):
    def decorate(func):
        registry[func.__name__] = func
        return func
    return decorate


hooks = {}


@register(hooks)
def on_save():
    return "saved"


print(list(hooks), hooks["on_save"]())
