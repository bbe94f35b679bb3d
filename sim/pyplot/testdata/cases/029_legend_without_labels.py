import matplotlib.pyplot as plt
plt.plot([1, 2, 3])
plt.plot([3, 2, 1], label="_hidden")
print("before")
leg = plt.legend()
print("after", type(leg).__name__)
fig, ax = plt.subplots()
ax.legend()
print("done")
