import torch
import matplotlib.pyplot as plt
x = torch.arange(5)
y = torch.tensor([1.0, 0.5, 0.25, 0.125, 0.0625])
print(len(plt.plot(x, y)))
print(len(plt.plot(y)))
print(type(plt.scatter(x, y)).__name__)
losses = [torch.tensor(1.5), torch.tensor(1.2), torch.tensor(0.9)]
print(len(plt.plot(losses)))
print(len(plt.plot([t.item() for t in losses], "o-")))
