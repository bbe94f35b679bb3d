#!/usr/bin/python3
"""Record repr() of hundreds of tensors from real PyTorch for tensorfmt_test.go.

Run by `go test ./sim/torch/tensorfmt -update` (or: gen.py > golden.json).
Each case records the tensor as the Go View sees it (dtype, shape, exact
element values as float.hex / ints / bools), the print options in force, the
autograd suffix, and what PyTorch printed. The oracle is PyTorch 1.13, whose
_tensor_str.py prints these cases as 2.6's does.
"""
import json, math, random, torch

random.seed(1234)
torch.manual_seed(1234)

DTYPES = {torch.float32: "float32", torch.float64: "float64", torch.float16: "float16",
          torch.bfloat16: "bfloat16", torch.int64: "int64", torch.int32: "int32",
          torch.int16: "int16", torch.int8: "int8", torch.uint8: "uint8", torch.bool: "bool"}

cases = []

def values(t):
    flat = t.detach().reshape(-1)
    if t.dtype.is_floating_point:
        return [float(x).hex() for x in flat.double().tolist()]
    return flat.tolist()

def record(name, t, opts=None, default=torch.float32, param=False):
    torch.set_printoptions(profile="default")
    torch.set_default_dtype(default)
    if opts:
        torch.set_printoptions(**opts)
    try:
        r = repr(t)
    finally:
        torch.set_printoptions(profile="default")
        torch.set_default_dtype(torch.float32)
    extra = []
    if t.grad_fn is not None:
        extra.append("grad_fn=<%s>" % type(t.grad_fn).__name__)
    elif t.requires_grad and not param:
        extra.append("requires_grad=True")
    cases.append({"name": name, "dtype": DTYPES[t.dtype], "shape": list(t.shape), "values": values(t),
                  "opts": {k: ("inf" if v == math.inf else v) for k, v in (opts or {}).items()}, "default": DTYPES[default], "param": param,
                  "requires_grad": t.requires_grad, "extra": extra, "repr": r})

def rand_shape(maxdim=4, maxsize=6):
    return [random.randint(0, maxsize) if random.random() < 0.08 else random.randint(1, maxsize)
            for _ in range(random.randint(0, maxdim))]

def rand_values(shape, dtype):
    n = math.prod(shape)
    kind = random.choice(["normal", "scaled", "ints", "mixed", "tiny", "huge", "special", "wide"])
    if dtype == torch.bool:
        return torch.rand(shape) < 0.5
    if not dtype.is_floating_point:
        lo, hi = {torch.uint8: (0, 256), torch.int8: (-128, 128)}.get(dtype, (-10**random.randint(0, 9), 10**random.randint(0, 9)))
        return torch.randint(lo, hi, shape, dtype=torch.int64).to(dtype)
    if kind == "normal":
        t = torch.randn(shape, dtype=torch.float64)
    elif kind == "scaled":
        t = torch.randn(shape, dtype=torch.float64) * 10.0 ** random.randint(-10, 10)
    elif kind == "ints":
        t = torch.randint(-10**random.randint(1, 9), 10**random.randint(1, 9), shape).double()
    elif kind == "mixed":
        t = torch.randn(shape, dtype=torch.float64) * torch.pow(10.0, torch.randint(-10, 11, shape).double())
    elif kind == "tiny":
        t = torch.rand(shape, dtype=torch.float64) * 1e-5
    elif kind == "huge":
        t = torch.randn(shape, dtype=torch.float64) * 1e9
    elif kind == "wide":
        t = torch.randn(shape, dtype=torch.float64) * 12345.678
    else:
        t = torch.randn(shape, dtype=torch.float64).round()
        flat = t.view(-1)
        for i in range(n):
            r = random.random()
            if r < 0.15: flat[i] = math.inf
            elif r < 0.25: flat[i] = -math.inf
            elif r < 0.35: flat[i] = math.nan
            elif r < 0.45: flat[i] = 0.0
            elif r < 0.5: flat[i] = -0.0
    return t.to(dtype)

# Random tensors of every dtype and rank.
for i in range(260):
    dtype = random.choice(list(DTYPES))
    shape = rand_shape()
    record(f"random/{i}", rand_values(shape, dtype))

# Printing edge cases named one by one.
T = torch.tensor
record("scalar/float", T(3.14159))
record("scalar/int", T(7))
record("scalar/bool", T(True))
record("scalar/float-int-valued", T(2.0))
record("scalar/neg-zero", T(-0.0))
record("scalar/tiny", T(1e-10))
record("scalar/huge", T(1e10))
record("scalar/inf", T(math.inf))
record("scalar/nan", T(math.nan))
record("scalar/float64", T(0.1, dtype=torch.float64))
record("empty/1d", T([]))
record("empty/0x3", torch.zeros(0, 3))
record("empty/int64", torch.zeros(0, dtype=torch.int64))
record("empty/2x0-float64", torch.zeros(2, 0, dtype=torch.float64))
record("empty/bool", torch.zeros(0, dtype=torch.bool))
record("ints/1.", T([1.0, 2.0, 3.0]))
record("ints/zeros", torch.zeros(2, 3))
record("ints/ones-int", torch.ones(2, 3, dtype=torch.int64))
record("ints/arange", torch.arange(10))
record("ints/arange-float", torch.arange(10.0))
record("ints/big-ratio", T([1.0, 5000.0]))
record("ints/over-1e8", T([1.0, 2e8]))
record("sci/tiny-min", T([0.5, 5e-5]))
record("sci/ratio", T([0.5, 600.25]))
record("sci/neg", T([-1e-5, 3.0, -2e3]))
record("nonfinite/only", T([math.inf, -math.inf, math.nan]))
record("nonfinite/with-ints", T([1.0, math.inf, math.nan, -2.0]))
record("nonfinite/with-floats", T([1.5, math.inf, math.nan, -2.25]))
record("bool/vec", T([True, False, True]))
record("bool/matrix", torch.eye(3).bool())
record("int32/vec", T([1, -20, 300], dtype=torch.int32))
record("uint8/vec", T([0, 128, 255], dtype=torch.uint8))
record("float16/third", T([1 / 3, 2 / 3, 65504.0], dtype=torch.float16))
record("bfloat16/third", T([1 / 3, 2 / 3, 1e10], dtype=torch.bfloat16))
record("float64/vec", T([0.1, 0.2, 0.3], dtype=torch.float64))
record("linear-weight", T([[-0.0053, 0.3793]]).requires_grad_())
record("param/linear-weight", torch.nn.Parameter(T([[-0.0053, 0.3793]])), param=True)
record("param/bias", torch.nn.Parameter(T([-0.5820])), param=True)
record("param/no-grad", torch.nn.Parameter(T([1.0, 2.0]), requires_grad=False), param=True)
record("param/float64", torch.nn.Parameter(T([1.5, 2.0], dtype=torch.float64)), param=True)
x = T([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
record("grad_fn/mul", x * 2)
record("grad_fn/sum", (x * 2).sum())
record("grad_fn/mean", x.mean())
record("grad_fn/addmm", torch.nn.functional.linear(x, x, x[0]))
record("grad_fn/float64", x.double() * 3)
record("grad_fn/wrap-suffix", torch.randn(4, 7, dtype=torch.float64, requires_grad=True) * 1234.5)
record("requires_grad/wide", (torch.randn(3, 8) * 1e3).requires_grad_())

# Summarised tensors (more than 1000 elements), wide rows that wrap.
record("summary/1001", torch.arange(1001))
record("summary/2000-float", torch.randn(2000))
record("summary/40x30", torch.randn(40, 30))
record("summary/10x10x11", torch.randn(10, 10, 11))
record("summary/3x400", torch.randn(3, 400))
record("summary/400x3", torch.randn(400, 3))
record("summary/sci", torch.randn(50, 50) * torch.pow(10.0, torch.randint(-6, 6, (50, 50)).float()))
record("summary/int32", torch.arange(3000, dtype=torch.int32).reshape(30, 100))
record("summary/bool", torch.rand(2000) < 0.5)
record("summary/2x2x2x200", torch.randn(2, 2, 2, 200))
record("summary/middle-outlier", torch.cat([torch.ones(600), torch.tensor([1e-8]), torch.ones(600)]))
record("wrap/30", torch.randn(30))
record("wrap/3x30", torch.randn(3, 30))
record("wrap/2x3x25", torch.randn(2, 3, 25))
record("wrap/int-wide", torch.randint(-10**9, 10**9, (40,)))
record("wrap/sci-row", torch.randn(20) * 1e-7)
record("wrap/float64-row", torch.randn(2, 17, dtype=torch.float64) * 100)

# set_printoptions.
base = torch.randn(4, 6) * 3
record("opts/precision2", base, {"precision": 2})
record("opts/precision8", base, {"precision": 8})
record("opts/precision0", base, {"precision": 0})
record("opts/sci-true", base, {"sci_mode": True})
record("opts/sci-false", torch.tensor([1e-8, 1.0, 1e9]), {"sci_mode": False})
record("opts/sci-true-ints", torch.tensor([1.0, 2.0]), {"sci_mode": True})
record("opts/sci-true-zeros", torch.zeros(3), {"sci_mode": True})
record("opts/sci-true-int64", torch.arange(4), {"sci_mode": True})
record("opts/linewidth40", torch.randn(3, 12), {"linewidth": 40})
record("opts/linewidth120", torch.randn(3, 30), {"linewidth": 120})
record("opts/linewidth5", torch.randn(2, 4), {"linewidth": 5})
record("opts/threshold10", torch.arange(20.0), {"threshold": 10})
record("opts/threshold10-2d", torch.randn(5, 5), {"threshold": 10})
record("opts/threshold-inf", torch.arange(1200), {"threshold": math.inf})
record("opts/edgeitems1", torch.arange(2000).reshape(20, 100), {"edgeitems": 1})
record("opts/edgeitems5", torch.randn(1500), {"edgeitems": 5})
record("opts/profile-short", base, {"profile": "short"})
record("opts/profile-full", torch.arange(1100), {"profile": "full"})
record("opts/threshold10-suffix", torch.arange(20.0, dtype=torch.float64).requires_grad_(), {"threshold": 10, "linewidth": 50})

# Extremes of the float formatting.
record("extreme/precision12-f64", T([0.1, 1 / 3, 2.5], dtype=torch.float64), {"precision": 12})
record("extreme/precision20-f64", T([0.1, 1 / 3], dtype=torch.float64), {"precision": 20})
record("extreme/precision20-sci", T([1e-30, 1e30], dtype=torch.float64), {"precision": 20})
record("extreme/f64-huge-tiny", T([1e300, 5e-324, -1e-300], dtype=torch.float64))
record("extreme/f32-max-min", T([3.4028234663852886e38, 1.1754943508222875e-38, 1e-45]))
record("extreme/int64-limits", T([-2**63, 2**63 - 1]))
record("extreme/ties", T([0.5, 1.5, 2.5, 0.125, 0.375], dtype=torch.float64), {"precision": 0})
record("extreme/ties-2", T([0.125, 0.375, 0.625], dtype=torch.float64), {"precision": 2})
record("extreme/float-int-1e8", T([1e8, 1.0]))
record("extreme/float-int-neg-big", T([-123456789.0, 1.0]))

# The default dtype decides which dtype= suffixes appear.
record("default64/float32", T([1.5, 2.5]), default=torch.float64)
record("default64/float64", T([1.5, 2.5], dtype=torch.float64), default=torch.float64)
record("default64/empty32", torch.zeros(0), default=torch.float64)
record("default64/int64", T([1, 2]), default=torch.float64)

# float.hex() is not JSON for inf/nan: keep them as the strings Go parses.
print('{"torch": %s, "cases": [' % json.dumps(torch.__version__))
print(",\n".join(json.dumps(c, separators=(",", ":")) for c in cases))
print("]}")
