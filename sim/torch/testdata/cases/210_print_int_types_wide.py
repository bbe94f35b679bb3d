import torch
print(torch.tensor([1, 22, 333, 4444, 5555], dtype=torch.int16))
print(torch.tensor([-128, 0, 127], dtype=torch.int8))
print(torch.arange(0, 250, 10, dtype=torch.uint8))
print(torch.tensor([2**40, -2**40]))
print(torch.tensor([[1, -1], [100000, 7]], dtype=torch.int32))
print(torch.tensor([300], dtype=torch.uint8))
