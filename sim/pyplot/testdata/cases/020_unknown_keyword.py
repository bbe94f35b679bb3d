import matplotlib.pyplot as plt
try:
    plt.scatter([1, 2], [3, 4], colour="red")
except AttributeError as e:
    print("AttributeError:", e)
try:
    plt.plot(x=[1, 2])
except TypeError as e:
    print("TypeError:", e)
plt.plot([1, 2], colour="red")
