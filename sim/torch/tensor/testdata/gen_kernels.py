#!/usr/bin/python3
"""Record float32 kernel results from the PyTorch oracle for kernels_test.go.

Run with the oracle's python (/usr/bin/python3 with python3-torch):
    /usr/bin/python3 gen_kernels.py > kernels.json
Each case holds float32 inputs and outputs as their IEEE bit patterns.
"""
import json, struct
import torch

def bits(t):
    return [struct.unpack('<I', struct.pack('<f', v))[0] for v in t.tolist()]

torch.manual_seed(0)
x = torch.cat([torch.randn(2000) * 4, torch.tensor([4.0, -4.0, 0.0, 1.0, -1.0, 88.0, -87.0, 100.5, -104.5, 1e-8])])
cases = []
cases.append({"op": "exp", "x": bits(x), "out": bits(torch.exp(x))})
cases.append({"op": "sigmoid", "x": bits(x), "out": bits(torch.sigmoid(x))})
cases.append({"op": "tanh", "x": bits(x), "out": bits(torch.tanh(x))})
p = torch.cat([x.abs() + 1e-3, torch.rand(500) * 1e-3, torch.tensor([1.0, 0.75, 1.3333, 1e-30, 3e38, 2.0 ** -126])])
cases.append({"op": "log", "x": bits(p), "out": bits(torch.log(p))})
y = torch.randn(1000).tanh()
g = torch.randn(1000)
xt = y.atanh().detach().requires_grad_(True)
out = xt.tanh()
out.backward(g)
cases.append({"op": "tanh_backward", "x": bits(out.detach()), "g": bits(g), "out": bits(xt.grad)})
for n, c in [(4, 3), (5, 2), (10, 7), (3, 8), (6, 10), (20, 5), (17, 3), (2, 17), (40, 4)]:
    x = (torch.randn(n, c) * 3).requires_grad_(True)
    t = torch.randint(0, c, (n,))
    loss = torch.nn.functional.cross_entropy(x, t)
    loss.backward()
    shape = [n, c]
    xd = x.detach()
    cases.append({"op": "log_softmax", "shape": shape, "x": bits(xd.flatten()), "out": bits(torch.log_softmax(xd, 1).flatten())})
    cases.append({"op": "softmax", "shape": shape, "x": bits(xd.flatten()), "out": bits(torch.softmax(xd, 1).flatten())})
    cases.append({"op": "cross_entropy", "shape": shape, "x": bits(xd.flatten()), "target": t.tolist(),
                  "out": bits(loss.detach().reshape(1)), "grad": bits(x.grad.flatten())})
print(json.dumps({"torch": torch.__version__, "cases": cases}))
