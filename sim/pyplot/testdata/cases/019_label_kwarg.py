import matplotlib.pyplot as plt
print(plt.plot([1, 2], label=5)[0])
print(plt.plot([1, 2], label=None)[0])
print(plt.plot([1, 2], label="")[0])
print(plt.plot([1, 2], label=2.5)[0])
print(plt.plot([1, 2], label="it's")[0])
