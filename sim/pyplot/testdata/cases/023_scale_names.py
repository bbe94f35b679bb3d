import matplotlib.pyplot as plt
# Not "Log": 3.6 lowercases scale names (deprecated since 3.5), 3.8 refuses them (see README.md).
for name in ["cubic", ""]:
    try:
        plt.yscale(name)
    except ValueError as e:
        print("ValueError:", e)
try:
    plt.yscale()
except TypeError as e:
    print("TypeError:", e)
plt.xscale("logarithmic")
