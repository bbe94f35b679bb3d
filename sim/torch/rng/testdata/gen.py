#!/usr/bin/python3
"""Record what real PyTorch's CPU generator draws, as exact bits, for rng_test.go.

Run by `go test ./sim/torch/rng -update` (or directly: gen.py > golden.json).
Each case seeds the default generator, runs one or more ops and records every
result bit for bit (float32 as uint32 hex, float64 as uint64 hex, ints as ints),
plus the 5056-byte get_rng_state() afterwards as hex.
The oracle is Debian's PyTorch 1.13; known differences from the 2.6 target are
listed in rng_test.go where the comparison allows for them.
"""
import hashlib, json, torch

torch.set_num_threads(1)

def bits(t):
    t = t.detach().contiguous().flatten()
    if t.dtype in (torch.float16, torch.bfloat16):
        t = t.float()  # exact; recorded as float32 bits
    if t.dtype == torch.float32:
        return ["%08x" % (v & 0xffffffff) for v in t.view(torch.int32).tolist()]
    if t.dtype == torch.float64:
        return ["%016x" % (v & 0xffffffffffffffff) for v in t.view(torch.int64).tolist()]
    if t.dtype == torch.bool:
        return [int(v) for v in t.tolist()]
    return t.tolist()

cases = []
def case(name, seed, fn):
    torch.manual_seed(seed)
    outs = fn()
    state = torch.get_rng_state()
    cases.append({"name": name, "seed": seed, "outputs": [{"dtype": str(o.dtype).replace("torch.", ""), "bits": bits(o)} for o in outs],
                  "state_sha256": hashlib.sha256(bytes(state.tolist())).hexdigest(),
                  "initial_seed": torch.initial_seed()})

SEEDS = [0, 1, 42, 1234, 2**32 + 5, 123456789012]
SIZES = [1, 3, 15, 16, 17, 100, 1000]
for seed in SEEDS:
    for n in SIZES:
        for dt in (torch.float32, torch.float64):
            d = str(dt).replace("torch.", "")
            case(f"rand/{d}/{n}", seed, lambda: [torch.rand(n, dtype=dt)])
            case(f"randn/{d}/{n}", seed, lambda: [torch.randn(n, dtype=dt)])
for seed in SEEDS[:3]:
    for n in SIZES:
        for dt in (torch.float32, torch.float64):
            d = str(dt).replace("torch.", "")
            case(f"uniform/{d}/{n}/-0.7/0.7", seed, lambda: [torch.empty(n, dtype=dt).uniform_(-0.7, 0.7)])
            case(f"uniform/{d}/{n}/-3/5", seed, lambda: [torch.empty(n, dtype=dt).uniform_(-3, 5)])
            case(f"normal/{d}/{n}/2.5/0.3", seed, lambda: [torch.empty(n, dtype=dt).normal_(2.5, 0.3)])
        case(f"randint/int64/{n}/0/10", seed, lambda: [torch.randint(0, 10, (n,))])
        case(f"randint/int64/{n}/-5/1000003", seed, lambda: [torch.randint(-5, 1000003, (n,))])
        case(f"randint/int64/{n}/0/1099511627776", seed, lambda: [torch.randint(0, 2**40, (n,))])
        case(f"randint/int64/{n}/0/4294967296", seed, lambda: [torch.randint(0, 2**32, (n,))])
        case(f"bernoulli/float32/{n}/0.3", seed, lambda: [torch.empty(n).bernoulli_(0.3)])
        case(f"bernoullip/float32/{n}", seed, lambda: [torch.bernoulli(torch.linspace(0, 1, n))])
        case(f"bernoullip/float64/{n}", seed, lambda: [torch.bernoulli(torch.linspace(0, 1, n, dtype=torch.float64))])
        case(f"dropout/float32/{n}/0.5", seed, lambda: [torch.nn.functional.dropout(torch.ones(n), 0.5)])
        case(f"dropout/float32/{n}/0.2", seed, lambda: [torch.nn.functional.dropout(torch.ones(n), 0.2)])
    for n in [1, 2, 3, 5, 10, 100]:
        case(f"randperm/{n}", seed, lambda: [torch.randperm(n)])
    for i, o in [(2, 1), (3, 4), (10, 5), (784, 10)]:
        case(f"linear/{i}/{o}", seed, lambda: [(l := torch.nn.Linear(i, o)).weight, l.bias])
    # Sequences: the normal cache carries across calls of odd sizes below 16.
    case("seq/randn1-randn1-randn3-rand2", seed, lambda: [torch.randn(1), torch.randn(1), torch.randn(3), torch.rand(2)])
    case("seq/randn3-double-randn2", seed, lambda: [torch.randn(3), torch.randn(2, dtype=torch.float64)])
    case("seq/randn5-state", seed, lambda: [torch.randn(5)])
    case("seq/randn20-randn7-randn33", seed, lambda: [torch.randn(20), torch.randn(7), torch.randn(33)])
    case("seq/2d-randn-4x5", seed, lambda: [torch.randn(4, 5)])
    # A non-contiguous view takes the scalar (double Box-Muller) path even at
    # 16+ elements, filled in memory order: record the base tensor.
    case("seq/noncontig-normal-4x5", seed, lambda: [(lambda b: (b.t().normal_(), b)[1])(torch.empty(4, 5))])
    case("seq/random-int64", seed, lambda: [torch.empty(5, dtype=torch.int64).random_()])
    case("seq/random-int32", seed, lambda: [torch.empty(5, dtype=torch.int32).random_()])
    case("seq/rand-700", seed, lambda: [torch.rand(700), torch.rand(700, dtype=torch.float64)])
case("seed/negative", -1, lambda: [torch.rand(3)])
for seed in SEEDS[:3]:
    for n in [1, 5, 40]:
        for dt in (torch.float16, torch.bfloat16):
            d = str(dt).replace("torch.", "")
            case(f"rand/{d}/{n}", seed, lambda: [torch.rand(n, dtype=dt)])
            case(f"uniform/{d}/{n}/-0.7/0.7", seed, lambda: [torch.empty(n, dtype=dt).uniform_(-0.7, 0.7)])
            case(f"normal/{d}/{n}/0/1", seed, lambda: [torch.empty(n, dtype=dt).normal_(0, 1)])

# A state saved by PyTorch, restored, continues the same sequence.
torch.manual_seed(7)
torch.randn(3)
saved = torch.get_rng_state()
after = torch.randn(5)
restore = {"state": bytes(saved.tolist()).hex(), "after": bits(after)}

# A legacy (pre-1.5, 5048-byte) state with a cached normal kept as Box-Muller's
# inputs x and rho: set_rng_state accepts it and the next sample is rho*sin(2*pi*x).
import struct
torch.manual_seed(11)
torch.rand(5)
legacy = bytearray(bytes(torch.get_rng_state().tolist())[:5048])
struct.pack_into("<ddd", legacy, 5016, 0.3, 0.0, 1.7)
struct.pack_into("<i", legacy, 5040, 1)
torch.set_rng_state(torch.tensor(list(legacy), dtype=torch.uint8))
restore["legacy_state"] = legacy.hex()
restore["legacy_after"] = bits(torch.randn(3, dtype=torch.float64))

# One case per line keeps diffs of the golden readable.
print('{"torch": %s, "restore": %s, "cases": [' % (json.dumps(torch.__version__), json.dumps(restore)))
print(",\n".join(json.dumps(c, separators=(",", ":")) for c in cases))
print("]}")
