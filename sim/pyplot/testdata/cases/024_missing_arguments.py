import matplotlib.pyplot as plt
for call in [plt.xlabel, plt.ylabel, plt.title, plt.savefig, plt.gcf().savefig,
             plt.gca().set_title, plt.xscale, plt.gca().set_xlabel, plt.gca().set_ylabel,
             plt.gca().set_xscale, plt.gca().set_yscale, plt.gca().scatter]:
    try:
        call()
    except TypeError as e:
        print("TypeError:", e)
plt.xlabel()
