import torch
a = torch.tensor([1.0, 2.0])
b = torch.tensor(3)
print([a, b])
print({"w": a, "n": b})
print((a,))
print(str(a) == repr(a))
print(f"{b}")
