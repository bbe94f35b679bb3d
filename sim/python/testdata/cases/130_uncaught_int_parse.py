# int() of text that is not a number.
raw = "12.5"
epochs = int(raw)
