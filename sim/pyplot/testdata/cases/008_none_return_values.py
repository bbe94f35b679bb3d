import matplotlib
import matplotlib.pyplot as plt
print(matplotlib.use("Agg"))
plt.plot([1, 2])
print(plt.grid(True))
print(plt.grid())
print(plt.yscale("log"))
print(plt.xscale("linear"))
ax = plt.gca()
print(ax.grid(False), ax.set_yscale("linear"), ax.set_xscale("log"))
print(plt.clf())
print(plt.close())
print(plt.close("all"))
