# Directories: makedirs, exist_ok, listdir, isdir.
import os

os.makedirs("checkpoints/run1")
os.makedirs("checkpoints/run1", exist_ok=True)
os.makedirs(os.path.join("checkpoints", "run2"), exist_ok=True)
print(sorted(os.listdir("checkpoints")))
print(os.path.isdir("checkpoints/run1"), os.path.exists("checkpoints/run3"))
with open(os.path.join("checkpoints", "run1", "epoch_1.pt"), "w") as f:
    f.write("weights")
print(os.listdir("checkpoints/run1"))
try:
    os.makedirs("checkpoints/run1")
except FileExistsError as e:
    print("FileExistsError:", e)
try:
    os.listdir("missing_dir")
except FileNotFoundError as e:
    print("FileNotFoundError:", e)
