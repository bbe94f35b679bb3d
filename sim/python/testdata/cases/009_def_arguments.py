# Defaults, *args, keyword-only parameters and **kwargs.
def train(model, epochs=10, *callbacks, lr=0.01, verbose=False, **extra):
    print("model:", model)
    print("epochs:", epochs, "lr:", lr, "verbose:", verbose)
    print("callbacks:", callbacks)
    print("extra:", extra)


train("net")
train("net", 5, "ckpt", "log", lr=0.1, seed=3, device="cpu")


def keyword_only(a, *, b, c=3):
    return a + b + c


print(keyword_only(1, b=2))
print(keyword_only(1, c=10, b=2))


def show(*args, **kwargs):
    print(args, kwargs)


show()
show(1, 2, x=3)
show(*[4, 5], **{"y": 6})
