import matplotlib.pyplot as plt
try:
    plt.plot([1, 2, 3], [1, 2])
except ValueError as e:
    print("ValueError:", e)
print(len(plt.plot(5)))
print(len(plt.plot([1, 2], [3, 4], "r", [5, 6], [7, 8], "g")))
plt.plot(range(4), [1, 2])
