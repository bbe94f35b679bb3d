import matplotlib.pyplot as plt
print(plt.grid(True), plt.grid(False), plt.grid(visible=True), plt.grid(color="r"))
print(plt.grid(True, linestyle="--"), plt.grid(which="major"), plt.grid(axis="y"))
print(plt.gca().grid(True))
