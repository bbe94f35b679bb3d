import torch
for dt in [torch.float32, torch.float64, torch.float16, torch.bfloat16, torch.int64, torch.int32, torch.uint8, torch.bool]:
    print(torch.tensor([1, 0, 2], dtype=dt))
