# The shape of lesson 04's plot: three curves, labels, a title and a legend, then show.
import matplotlib.pyplot as plt
epochs = list(range(1, 11))
uninterrupted = [1.0 / e for e in epochs]
resumed = list(uninterrupted)
model_only = uninterrupted[:5] + [0.3, 0.28, 0.25, 0.24, 0.22]
print(plt.plot(epochs, uninterrupted, label="uninterrupted")[0])
print(plt.plot(epochs, resumed, "--", label="resumed from a full checkpoint")[0])
print(plt.plot(epochs, model_only, label="resumed from the model alone")[0])
print(plt.xlabel("epoch"))
print(plt.ylabel("training loss"))
print(plt.title("Resuming at epoch 5"))
plt.legend()
print(repr(plt.gca()))
print(repr(plt.gcf()))
print(plt.show())
