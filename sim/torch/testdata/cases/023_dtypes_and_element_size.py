import torch
for dt in [torch.float32, torch.float64, torch.float16, torch.bfloat16, torch.int64, torch.int32, torch.uint8, torch.bool]:
    t = torch.zeros(2, dtype=dt)
    print(dt, t.element_size(), t.dtype.is_floating_point)
print(torch.float, torch.double, torch.long, torch.int, torch.half)
