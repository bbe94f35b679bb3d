# An unexpected keyword argument.
def sgd(params, lr=0.01, momentum=0.0):
    return {"lr": lr, "momentum": momentum}


print(sgd([], lr=0.1))
opt = sgd([], lr=0.1, nesterov=True)
