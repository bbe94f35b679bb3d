import matplotlib.pyplot as plt
for w in [1, 2.5, "3", True, None, 0, 40, -1]:
    print(repr(w), len(plt.plot([1, 2], lw=w)))
print(len(plt.plot([1, 2], linewidth=0.5)))
try:
    plt.plot([1, 2], linewidth=[1])
except TypeError as e:
    print("TypeError:", e)
plt.plot([1, 2], lw="x")
