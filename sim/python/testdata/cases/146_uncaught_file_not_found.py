# Opening a file that does not exist.
import os

print(os.path.exists("model.pt"))
with open("model.pt", "rb") as f:
    data = f.read()
