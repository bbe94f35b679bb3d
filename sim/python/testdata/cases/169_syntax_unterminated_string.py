# An unterminated string literal.
path = "checkpoints/model.pt
print(path)
