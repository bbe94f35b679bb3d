import matplotlib.pyplot as plt
fig, ax = plt.subplots()
print(plt.gcf() is fig, plt.gca() is ax, fig.gca() is ax)
fig2 = plt.figure()
print(plt.gcf() is fig2, plt.gca() is ax)
print(repr(fig2))
print(fig2.gca() is plt.gca())
