# Iterating over an int.
num_epochs = 3
for epoch in num_epochs:
    print(epoch)
