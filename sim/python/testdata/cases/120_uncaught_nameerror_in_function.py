# A misspelled local inside a function.
def train(epochs):
    running_loss = 0.0
    for epoch in range(epochs):
        running_loss += 0.5
    return runing_loss


print("start")
train(2)
