import os
import matplotlib.pyplot as plt
plt.plot([1, 2, 3], label="loss")
plt.legend()
print(plt.savefig("loss.svg"))
fig, ax = plt.subplots()
ax.plot([3, 2, 1])
print(fig.savefig("second.svg"))
print(sorted(f for f in os.listdir(".") if f.endswith(".svg")))
print(os.path.getsize("loss.svg") > 0)
