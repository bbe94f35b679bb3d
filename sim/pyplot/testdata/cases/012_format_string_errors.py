import matplotlib.pyplot as plt
for f in ["q", "rg", "o^", "--:", "r-q", "blurple", "1.5", "-o-", "C", "rC1", "Cq", "#ff00"]:
    try:
        plt.plot([1, 2], f)
        print(repr(f), "accepted")
    except ValueError as e:
        print("ValueError:", e)
