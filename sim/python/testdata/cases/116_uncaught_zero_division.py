# An uncaught ZeroDivisionError: the caret line marks the operator.
total_loss = 12.5
num_batches = 0
print("averaging")
average = total_loss / num_batches
print("never printed")
