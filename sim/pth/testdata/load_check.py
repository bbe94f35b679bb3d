"""Load a checkpoint in real PyTorch and print it as gen.py's canonical JSON.

Usage: /usr/bin/python3 testdata/load_check.py FILE weights_only(0|1)
Used by write_test.go to prove files written by pth.Write load in PyTorch.
"""
import json
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen import enc  # noqa: E402

path, weights_only = sys.argv[1], sys.argv[2] == "1"
value = torch.load(path, weights_only=weights_only)
json.dump(enc(value, {}), sys.stdout, ensure_ascii=False)
