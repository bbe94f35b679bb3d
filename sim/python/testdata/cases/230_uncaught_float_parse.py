# float() of text that is not a number.
line = "loss: 0.25"
value = float(line.split(":")[0])
