import matplotlib.pyplot as plt
fig, ax = plt.subplots()
try:
    ax.scatter([1, 2])
except TypeError as e:
    print("TypeError:", e)
try:
    plt.scatter([1, 2], [1, 2, 3])
except ValueError as e:
    print("ValueError:", e)
plt.scatter([1, 2])
