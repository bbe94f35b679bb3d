import matplotlib.pyplot as plt
pts = plt.scatter([1, 2, 3], [4, 5, 6], label="points")
print(type(pts))
leg = plt.legend()
print(type(leg))
fig, ax = plt.subplots()
print(type(ax.scatter([1], [2])))
print(type(ax.legend(["one"])))
