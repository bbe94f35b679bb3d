import matplotlib.pyplot as plt
print(type(plt.scatter([1, 2], [3, 4], c="red")).__name__)
print(type(plt.scatter([1, 2], [3, 4], color="C1")).__name__)
print(type(plt.scatter([1, 2], [3, 4], color=(0, 0, 1))).__name__)
for kw in [{"c": "blurple"}, {"color": "blurple"}, {"c": "red", "color": "blue"}]:
    try:
        plt.scatter([1, 2], [3, 4], **kw)
    except ValueError as e:
        print("ValueError:", e)
# Uncaught, this error prints a chained traceback whose first part is all matplotlib frames.
try:
    plt.scatter([1, 2], [3, 4], c="notacolour")
except ValueError as e:
    print(type(e).__name__, e)
