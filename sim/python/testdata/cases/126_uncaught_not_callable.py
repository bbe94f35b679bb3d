# Calling something that is not a function.
state = {"lr": 0.1}
lr = state["lr"]
value = lr(5)
