import matplotlib.pyplot as plt
fig = plt.figure()
print(fig)
print(repr(fig))
print(type(fig))
print(f"{fig}")
print([fig])
