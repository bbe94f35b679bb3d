# UnboundLocalError: assigning a name makes it local to the whole function.
best_loss = 1.0


def update(loss):
    if loss < best_loss:
        best_loss = loss
    return best_loss


update(0.5)
