# An unknown marker raises ValueError from the ValueError of float(marker); the cases catch it, as
# the chained traceback's first part is all matplotlib frames (see README.md).
import matplotlib.pyplot as plt
for m in ["o", "s", "^", "D", "v", "*", ".", "x", "+", "None", "", None, "none", " ", "8", "h"]:
    print(repr(m), len(plt.plot([1, 2], marker=m)))
for m in ["Q", "oo", "dot"]:
    try:
        plt.plot([1, 2], marker=m)
    except ValueError as e:
        print("ValueError:", e)
try:
    plt.scatter([1, 2], [3, 4], marker="Q")
except ValueError as e:
    print("ValueError:", e, "from", repr(e.__cause__))
