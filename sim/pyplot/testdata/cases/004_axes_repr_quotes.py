import matplotlib.pyplot as plt
plt.title("it's the \"loss\"")
plt.xlabel("a\nb")
plt.ylabel("")
print(repr(plt.gca()))
plt.title("")
print(repr(plt.gca()))
plt.title(3.5)
print(repr(plt.gca()))
