# Recorded with a CPU-only PyTorch build, as the simulator is; a CUDA build on a machine
# without a GPU raises a RuntimeError about the NVIDIA driver instead.
import torch
x = torch.ones(2)
print("before")
y = x.to("cuda")
