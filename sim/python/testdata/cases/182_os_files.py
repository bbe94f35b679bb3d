# Writing files, then listing, sizing, renaming and removing them.
# (The program itself is main.py in the run's directory; listings skip it.)
import os


def listing():
    return sorted(n for n in os.listdir(".") if n != "main.py")


for name, text in [("a.txt", "hello"), ("b.log", "x" * 100), ("c.txt", "")]:
    with open(name, "w") as f:
        f.write(text)
print(listing())
print([os.path.getsize(n) for n in listing()])
print(os.path.exists("a.txt"), os.path.isfile("a.txt"), os.path.isdir("a.txt"))
os.rename("a.txt", "renamed.txt")
print(listing())
os.replace("b.log", "renamed.txt")
print(listing(), os.path.getsize("renamed.txt"))
os.remove("c.txt")
print(listing(), os.path.exists("c.txt"))
try:
    os.remove("c.txt")
except FileNotFoundError as e:
    print("FileNotFoundError:", e)
try:
    os.path.getsize("nope.bin")
except OSError as e:
    print(type(e).__name__, e.errno, e.filename)
