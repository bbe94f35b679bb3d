import matplotlib.pyplot as plt
for ls in ["-", "--", ":", "-.", "solid", "dashed", "dotted", "dashdot", "None", " ", "", None]:
    print(repr(ls), len(plt.plot([1, 2], linestyle=ls)))
print(len(plt.plot([1, 2], ls="--")))
try:
    plt.plot([1, 2], linestyle="wavy")
except ValueError as e:
    print("ValueError:", e)
plt.plot([1, 2], linestyle=3)
