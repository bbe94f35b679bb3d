"""Record pyfmt's golden files from the real CPython.

Run from this directory with the oracle interpreter:

    /usr/bin/python3 gen.py

Every expected string in the golden files is what CPython printed; nothing
is typed by hand. Floats travel as their IEEE-754 bits in hex so the Go test
reads back exactly the value CPython formatted.
"""
import json
import math
import random
import struct


def bits(f):
    return struct.pack(">d", f).hex()


def edge_floats():
    fs = [0.0, -0.0, 1.0, -1.0, 0.1, 0.2, 0.3, 0.1 + 0.2, 1 / 3, 2 / 3, 1e16, 1e15,
          9999999999999998.0, 1e17, 1e-4, 1e-5, 0.0001, 0.00001, 1.5e-5, 123456789.0,
          1e22, 1e23, 5e-324, 2.2250738585072014e-308, 1.7976931348623157e308,
          float("inf"), float("-inf"), float("nan"), 2.5, 3.5, 0.5, 1.5, 0.125,
          0.05, 0.005, 0.0005, 100.0, 1e100, 123.456, -123.456, 1234.5, 12345.678,
          9.5, 99.5, 999.5, 0.95, 0.995, 9.995, 1e-7, 3.14159, 2.718281828459045,
          math.pi, math.e, 1e300, 4.35, 2.675, 1.005, 0.045, 1e21, 1e-10, 65536.0]
    return fs


def sample_floats(n, seed):
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        k = rng.randrange(4)
        if k == 0:
            f = struct.unpack(">d", rng.getrandbits(64).to_bytes(8, "big"))[0]
            if math.isnan(f):
                continue
        elif k == 1:
            f = rng.uniform(-1, 1) * 10 ** rng.randint(-20, 25)
        elif k == 2:
            f = round(rng.uniform(-1000, 1000), rng.randint(0, 6))
        else:
            f = rng.randint(-10 ** 6, 10 ** 6) / 2 ** rng.randint(0, 12)
        out.append(f)
    return out


def record_repr():
    rows = [[bits(f), repr(f)] for f in edge_floats() + sample_floats(3000, 1)]
    return rows


def random_spec(rng):
    """A format spec from random parts, valid or not, CPython decides."""
    parts = []
    r = rng.random
    if r() < 0.3:
        parts.append(rng.choice(["", "*", "0", "x", " ", "é", "<", "="]) + rng.choice("<>=^"))
    if r() < 0.3:
        parts.append(rng.choice("+- "))
    if r() < 0.08:
        parts.append("z")
    if r() < 0.2:
        parts.append("#")
    if r() < 0.2:
        parts.append("0")
    if r() < 0.5:
        parts.append(str(rng.choice([0, 1, 2, 5, 8, 10, 12, 15, 20, 25])))
    if r() < 0.2:
        parts.append(rng.choice([",", "_", ",_", "_,"]))
    if r() < 0.4:
        parts.append("." + str(rng.choice([0, 1, 2, 3, 5, 6, 10, 17, 20])))
    elif r() < 0.03:
        parts.append(".")
    if r() < 0.8:
        parts.append(rng.choice("bcdeEfFgGnosxX%" + "bdeEfFgGnosxX%" + "qz="))
    if r() < 0.02:
        parts.append(rng.choice(["dd", "xx", "\x01"]))
    return "".join(parts)


def format_values(rng):
    ints = [0, 1, -1, 7, 42, -42, 255, 1000, -1000, 1234567, -987654321, 65, 0x10ffff, 0x110000,
            2 ** 31, 2 ** 64 + 1, -(2 ** 100), 10 ** 30, 2 ** 1100]
    floats = edge_floats() + sample_floats(60, 7)
    strs = ["", "a", "abc", "hello world", "é", "ünïcode", "checkpoint.pt", "x" * 30]
    vals = [("int", i) for i in ints] + [("float", f) for f in floats] + [("str", s) for s in strs]
    vals += [("bool", True), ("bool", False)]
    return vals


def encode(kind, v):
    if kind == "float":
        return bits(v)
    if kind in ("int", "bool"):
        return str(int(v))
    return v


def record_format_spec():
    rng = random.Random(11)
    vals = format_values(rng)
    rows = []
    seen = set()
    fixed = ["", "d", "5", "<5", ">5", "^5", "=5", "05", "+", " ", "-", ",", "_", ",d", "_x", "_b",
             "#x", "#X", "#o", "#b", "x", "X", "o", "b", "c", "e", "E", "f", "F", "g", "G", "%",
             ".2f", ".0f", "#.0f", ".3", ".0", "#", ".3g", "#g", "#.3g", ".10e", "10.4f", "*^20,.3f",
             "z.1f", "z", "z.0f", "+.2e", "010.3f", "08,.1f", "010,", "012_x", ".1%", "n", ".3n",
             "s", "10s", ".2s", "*<10.3s", "=s", "+s", "#s", "zs", ".2d", ",c", "_c", ",s", "_n",
             "abc", "3.", ".", ",_", "_,", "x<", "\x01", "é^9", "0<8", "0>8", "0^8", "<08"]
    for kind, v in vals:
        specs = fixed + [random_spec(rng) for _ in range(40)]
        for spec in specs:
            key = (kind, encode(kind, v), spec)
            if key in seen:
                continue
            seen.add(key)
            try:
                out = format(v, spec)
            except (ValueError, TypeError, OverflowError) as e:
                out = "!%s: %s" % (type(e).__name__, e)
            rows.append([kind, encode(kind, v), spec, out])
    return rows


def write(name, rows):
    """Write rows as a JSON array, one row per line, for readable diffs."""
    with open(name, "w") as fh:
        fh.write("[\n")
        fh.write(",\n".join(json.dumps(r) for r in rows))
        fh.write("\n]\n")


def main():
    write("float_repr.json", record_repr())
    write("format_spec.json", record_format_spec())


if __name__ == "__main__":
    main()
