import matplotlib.pyplot as plt
fmts = ["r--", "o", "k:", "bo-", "-.", "C3", "C12", "g^", "red", "#ff0000", "0.5", ".", "s",
        "x", "+", "D", "d", "v", "<", ">", "*", "p", "h", "H", "8", "1", "2", "3", "4",
        "|", "_", "P", "X", ",", "", "tab:orange", "none", "wo"]
for f in fmts:
    lines = plt.plot([1, 2, 3], f)
    print(repr(f), len(lines))
