import torch
loss = torch.tensor(0.123456)
print(f"loss={loss:.3f}")
print(f"{loss.item():.6f}")
print("%.2f" % loss.item())
print(round(loss.item(), 2))
print(str(torch.tensor([1.0])))
print(f"{torch.tensor([1.0, 2.0])}")
