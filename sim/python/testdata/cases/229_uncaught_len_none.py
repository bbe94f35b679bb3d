# len() of None returned by a function.
def load_batches():
    batches = [1, 2, 3]


print(len(load_batches()))
