# IndexError with the subscript underlined.
history = [0.9, 0.5, 0.3]
print(history[-1])
print(history[3])
