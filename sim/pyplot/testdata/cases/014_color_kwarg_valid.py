import matplotlib.pyplot as plt
for c in ["C0", "C12", "tab:blue", "red", "Red", "DarkOrange", "#ff0000", "#F00", "#ff000080",
          "#f008", "0.5", "1", "k", "none", (1, 0, 0), (0.1, 0.2, 0.3, 0.5), [0, 0.5, 1],
          None, "tab:grey", "grey", "darkgrey"]:
    lines = plt.plot([1, 2], color=c)
    print(repr(c), len(lines))
lines = plt.plot([1, 2], c="green")
print(len(lines))
