import matplotlib.pyplot as plt
print(plt.figure(figsize=(4, 3)))
print(repr(plt.figure(figsize=(4.555, 3.3))))
print(repr(plt.figure(figsize=[2.5, 1])))
print(repr(plt.figure(dpi=50)))
print(repr(plt.figure(figsize=(3, 2), dpi=72)))
fig, ax = plt.subplots(figsize=(6, 2))
print(repr(fig), ax)
print(plt.figure(figsize=(0, 2)))
