import matplotlib.pyplot as plt
for c in ["blurple", 5, "R", "1.5", (1, 0, 2), "#ff00", "", "C", 0.5, [1, 2, 3, 4, 5]]:
    try:
        plt.plot([1, 2], color=c)
        print(repr(c), "accepted")
    except ValueError as e:
        print("ValueError:", e)
plt.plot([1, 2], c="blurple")
