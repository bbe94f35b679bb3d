# An unsupported operand type in a longer expression.
losses = [0.5, 0.25, None]
total = 0.0
for loss in losses:
    total = total + loss * 2
