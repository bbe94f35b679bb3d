"""Time real torch.save and torch.load of the checkpoint bench_test.go uses:
a state dict of 10 float32 tensors of 10 million elements (100M, 400 MB).

Usage: /usr/bin/python3 testdata/bench_torch.py   (results go in BENCHMARKS.md)
"""
import collections
import os
import sys
import tempfile
import time

import torch

sd = collections.OrderedDict((f"layer{i}.weight", torch.rand(10_000_000)) for i in range(10))
with tempfile.TemporaryDirectory() as tmp:
    path = os.path.join(tmp, "big.pth")
    saves, loads = [], []
    for _ in range(3):
        t = time.perf_counter()
        torch.save(sd, path)
        saves.append(time.perf_counter() - t)
        t = time.perf_counter()
        torch.load(path)
        loads.append(time.perf_counter() - t)
print(f"torch {torch.__version__} python {sys.version.split()[0]}")
print(f"torch.save 100M float32: best {min(saves)*1000:.0f} ms of {len(saves)}")
print(f"torch.load 100M float32: best {min(loads)*1000:.0f} ms of {len(loads)}")
