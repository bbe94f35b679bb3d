import matplotlib.pyplot as plt
fig = plt.figure()
print(plt.close("x"))
print(plt.close(99))
print(repr(plt.gcf()) == repr(fig), plt.gcf() is fig)
print(plt.close(fig))
print(plt.gcf() is fig)
for bad in [3.5, [1], (fig,)]:
    try:
        plt.close(bad)
    except TypeError as e:
        print("TypeError:", e)
plt.close(None)
plt.close(3.5)
