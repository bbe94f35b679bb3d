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
import sys


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


def tag(v):
    """Encode an operand so the Go test can rebuild it exactly."""
    if isinstance(v, bool):
        return ["b", v]
    if isinstance(v, int):
        return ["i", str(v)]
    if isinstance(v, float):
        return ["f", bits(v)]
    if isinstance(v, str):
        return ["s", v]
    if v is None:
        return ["n"]
    if isinstance(v, tuple):
        return ["t", [tag(x) for x in v]]
    if isinstance(v, dict):
        return ["d", [[k, tag(x)] for k, x in v.items()]]
    raise TypeError(v)


def random_percent(rng):
    parts = ["%"]
    for flag in "-+ #0":
        if rng.random() < 0.15:
            parts.append(flag)
    r = rng.random()
    if r < 0.4:
        parts.append(str(rng.choice([0, 1, 3, 5, 8, 10, 12])))
    elif r < 0.45:
        parts.append("*")
    r = rng.random()
    if r < 0.35:
        parts.append("." + str(rng.choice([0, 1, 2, 3, 6, 10])))
    elif r < 0.4:
        parts.append(".*")
    elif r < 0.42:
        parts.append(".")
    if rng.random() < 0.03:
        parts.append("l")
    parts.append(rng.choice("diouxXeEfFgGcrsa" * 3 + "%qy"))
    return "".join(parts)


def record_percent():
    rng = random.Random(13)
    scalars = [0, 1, -1, 42, -42, 255, 3000, -12345, 2 ** 70, True, False, 65, 0x10ffff,
               0.0, -0.0, 1.5, -2.25, 3.14159, 1e16, 1e-5, 123456.789, 1e300, float("inf"),
               float("-inf"), float("nan"), "", "a", "abc", "hello", "é", None]
    rows = []
    fixed = [
        ("%d", 5), ("%s", "x"), ("%s and %s", ("a", "b")), ("%5d|%-5d|%05d", (42, 42, 42)),
        ("%+d % d", (5, 5)), ("%x %X %#x %#X %o %#o", (255, 255, 255, 255, 8, 8)),
        ("%.3f %e %g %G", (3.14159, 12345.678, 0.0001, 1e-10)), ("%10.4f|", 2.5),
        ("%-10s|%10s|", ("ab", "cd")), ("%.2s", "abcdef"), ("%r", "it's"), ("%r %a", ("é", "é")),
        ("%c%c", (72, "i")), ("%%", ()), ("100%%", ()), ("%5%", (1,)), ("%s", ()),
        ("%s %s", ("a",)), ("%s", ("a", "b")), ("hello", 5), ("hello", ()), ("%d", "12"),
        ("%x", 1.5), ("%f", "a"), ("%c", "ab"), ("%c", 1.5), ("%c", -1), ("%q", 1), ("%", ()),
        ("abc%", ()), ("%(a)s", {"a": 1}), ("%(a)s %(b)r", {"a": 1, "b": "x"}), ("%(a)s", (1,)),
        ("%(a", {"a": 1}), ("%(a)", {"a": 1}), ("%(missing)s", {"a": 1}), ("%s", {"a": 1}),
        ("%(a)s %s", {"a": 1}), ("%*d", (5, 42)), ("%-*d|", (5, 42)), ("%*d", (-5, 42)),
        ("%.*f", (2, 3.14159)), ("%*.*f", (10, 3, 3.14159)), ("%*d", ("5", 42)), ("%*d", (1.5, 2)),
        ("%.*f", (-3, 1.5)), ("%d", 3.99), ("%d", -3.99), ("%d", float("nan")), ("%d", float("inf")),
        ("%i %u", (7, 8)), ("%ld %hd %Lf", (1, 2, 3.0)), ("%s", None), ("%d", None), ("%s", True),
        ("%d", True), ("%f", True), ("%5s|%-5s|", (None, True)), ("%05s", "ab"), ("%+s", "ab"),
        ("%#.0f %#.0e %#g", (3.0, 3.0, 3.0)), ("%.0f %.0f %.0f", (0.5, 1.5, 2.5)), ("%.3d", 5),
        ("%08.3d", -5), ("%#08x", 255), ("%-#8x|", 255), ("%+#o", 8), ("% x", 255),
        ("%f", 2 ** 1100), ("%e", 10 ** 20), ("%.20f", 0.1), ("%.50g", 0.1), ("%g", 100000.0),
        ("%g", 1000000.0), ("%#x", -255), ("%05.1f", -2.0), ("%-05d|", 3), ("%s %d", (1, "x")),
        ("loss: %.4f, acc: %.2f%%", (0.123456, 98.7)), ("epoch %d/%d", (3, 10)),
    ]
    for f, a in fixed:
        rows.append([f, tag(a), percent_result(f, a)])
    for _ in range(2500):
        n = rng.choice([1, 1, 1, 2, 3])
        fmt = " ".join(random_percent(rng) for _ in range(n))
        nargs = fmt.count("%") - 2 * fmt.count("%%") + fmt.count("*")
        args = tuple(rng.choice(scalars) for _ in range(max(nargs, 0)))
        if rng.random() < 0.05:
            args = args + (1,)
        a = args[0] if len(args) == 1 and rng.random() < 0.5 else args
        out = percent_result(fmt, a)
        if len(out) > 400:
            continue  # a huge '*' width: keep the golden file small
        rows.append([fmt, tag(a), out])
    return rows


def percent_result(f, a):
    try:
        return f % a
    except (TypeError, ValueError, OverflowError, KeyError) as e:
        msg = str(e) if not isinstance(e, KeyError) else repr(e.args[0])
        return "!%s: %s" % (type(e).__name__, msg)


def tag_value(v):
    """tag() plus lists and namespaces, for str.format's arguments."""
    import types
    if isinstance(v, list):
        return ["l", [tag_value(x) for x in v]]
    if isinstance(v, types.SimpleNamespace):
        return ["o", [[k, tag_value(x)] for k, x in vars(v).items()]]
    if isinstance(v, dict):
        return ["d", [[tag_value(k), tag_value(x)] for k, x in v.items()]]
    if isinstance(v, tuple):
        return ["t", [tag_value(x) for x in v]]
    return tag(v)


def random_format_string(rng):
    names = ["", "", "", "0", "1", "2", "5", "name", "w", "x", "lst", "d", "ns", "0[0]", "lst[1]",
             "lst[9]", "lst[-1]", "d[k]", "d[1]", "d[zz]", "ns.a", "ns.b", "ns.zz", "0.", "0[",
             "lst[0]x", "0..a", "ns.a.b", "00", "1[0]", "name[0]", "w.real"]
    convs = ["", "", "", "", "!r", "!s", "!a", "!x", "!", "!r!"]
    specs = ["", "", "", ":", ":>6", ":<4", ":^7", ":.2f", ":d", ":{}", ":{w}", ":{w}.{p}f",
             ":{:{}}", ":{{}}", ":x", ":,", ":*^{w}"]
    parts = []
    for _ in range(rng.choice([1, 2, 2, 3, 4])):
        r = rng.random()
        if r < 0.25:
            parts.append(rng.choice(["a", "loss=", " ", "{{", "}}", "x}}y", "é"]))
        elif r < 0.97:
            parts.append("{" + rng.choice(names) + rng.choice(convs) + rng.choice(specs) + "}")
        else:
            parts.append(rng.choice(["{", "}", "{0", "{0!r", "{:", "{[}", "{0]", "{0[x}", "{a{b}"]))
    return "".join(parts)


def format_call(fmt, args, kwargs, mapping=False):
    try:
        if mapping:
            return fmt.format_map(kwargs)
        return fmt.format(*args, **kwargs)
    except (ValueError, TypeError, IndexError, KeyError, AttributeError) as e:
        msg = repr(e.args[0]) if isinstance(e, KeyError) else str(e)
        return "!%s: %s" % (type(e).__name__, msg)


def record_str_format():
    import types
    rng = random.Random(17)
    rows = []
    ns = types.SimpleNamespace(a=1.5, b="bee")
    args = (42, 3.14159, "txt", [1, 2], None, True)
    kwargs = {"name": "model", "w": 8, "p": 2, "x": -7, "lst": [10, "b", 2.5],
              "d": {"k": "v", 1: "one"}, "ns": ns}
    fixed = ["{}", "{0} {1}", "{} {}", "{0} {}", "{} {0}", "{name}", "{name!r}", "{0!r:>10}",
             "{{}}", "{{0}}", "}", "{", "x}y", "{0", "{0!}", "{0!x}", "{0!r", "{0:", "{:{}}",
             "{:{}.{}f}", "{:{:{}}}", "{:{:{:{}}}}", "{lst[0]}", "{lst[x]}", "{d[k]}", "{d[1]}",
             "{d[missing]}", "{ns.a}", "{ns.zz}", "{ns.}", "{0[}", "{0]x}", "{0[0]x}", "{99}",
             "{missing}", "{0.real}", "{name:d}", "{4:x}", "{3}", "{3:>5}", "{x:+}",
             "{0:{w}}|{1:.{p}f}", "{a{b}", "{!r}", "{:}", "{0:}}", "{0!r:}", "{0!r!s}",
             "{:%}", "{1:%}", "{1:.1%}", "{5:d}", "{5}", "{2:s}", "{2:d}", "{name:^{w}}",
             "loss {1:.4f} at {name}", "{0}{1}{2}", "{99999999999999999999}"]
    for f in fixed:
        rows.append([f, False, format_call(f, args, kwargs)])
        rows.append([f, True, format_call(f, args, kwargs, mapping=True)])
    for _ in range(2500):
        f = random_format_string(rng)
        m = rng.random() < 0.1
        rows.append([f, m, format_call(f, args, kwargs, mapping=m)])
    return {"args": tag_value(args), "kwargs": tag_value(kwargs), "rows": rows}


def record_digit_limit():
    """format() of ints near CPython's 4300-digit str conversion limit."""
    rows = []
    for v in [10 ** 4299, 10 ** 4300, -(10 ** 4299), 2 ** 14285, 2 ** 14286 - 1]:
        for spec in ["", "d", ",", "_", "n", "x", "+", ">4400", "e", ".2"]:
            try:
                out = format(v, spec)
            except (ValueError, OverflowError) as e:
                out = "!%s: %s" % (type(e).__name__, e)
            # str(v) itself is over the limit: lift it just to write v down.
            sys.set_int_max_str_digits(0)
            rows.append(["int", str(v), spec, out])
            sys.set_int_max_str_digits(4300)
    return rows


def write(name, rows):
    """Write rows as a JSON array, one row per line, for readable diffs."""
    with open(name, "w") as fh:
        fh.write("[\n")
        fh.write(",\n".join(json.dumps(r) for r in rows))
        fh.write("\n]\n")


def main():
    write("float_repr.json", record_repr())
    write("format_spec.json", record_format_spec() + record_digit_limit())
    write("percent.json", record_percent())
    sf = record_str_format()
    with open("str_format.json", "w") as fh:
        fh.write('{"args": %s,\n"kwargs": %s,\n"rows": [\n' % (json.dumps(sf["args"]), json.dumps(sf["kwargs"])))
        fh.write(",\n".join(json.dumps(r) for r in sf["rows"]))
        fh.write("\n]}\n")


if __name__ == "__main__":
    main()
