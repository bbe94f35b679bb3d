# A misspelled global gets a "Did you mean" hint.
optimizer = "SGD"
learning_rate = 0.01
print(optimizer, learning_rate)
print(optimzer)
