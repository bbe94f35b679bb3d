# Arithmetic with None returned by a function without return.
def get_lr(epoch):
    if epoch < 10:
        return 0.1


print(get_lr(1) * 2)
print(get_lr(20) * 2)
