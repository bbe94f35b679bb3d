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


def write(name, rows):
    """Write rows as a JSON array, one row per line, for readable diffs."""
    with open(name, "w") as fh:
        fh.write("[\n")
        fh.write(",\n".join(json.dumps(r) for r in rows))
        fh.write("\n]\n")


def main():
    write("float_repr.json", record_repr())


if __name__ == "__main__":
    main()
