# A misspelled os.path function.
import os

path = os.path.join("checkpoints", "last.pt")
if os.path.exist(path):
    print("resuming")
