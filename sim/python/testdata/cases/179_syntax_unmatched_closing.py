# Closing a bracket that was never opened.
scores = [1, 2, 3]]
