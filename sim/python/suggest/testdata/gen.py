"""Record suggest's goldens and its generated name tables from real CPython.

Run from this directory with the oracle:  /usr/bin/python3 gen.py

It writes:
  suggestions.json  rows of [kind, name, list1, list2, suffix]: the text
                    CPython's own exception display appended to the message.
                    kind "attr": list1 is dir() of the object. kind "name":
                    list1 the function's local variable names, list2 the
                    globals (the builtins are names_gen.go's Builtins).
  ../names_gen.go   sys.stdlib_module_names, builtins in dict order, and a
                    script's initial globals (then gofmt'd).

The oracle is CPython 3.11, the target 3.12. Both display an uncaught
exception with C code whose Python/suggestions.c computes the same hint;
3.12 added the "self." and "Did you forget to import" hints, which no row
here triggers (names of standard-library modules are skipped). 3.12 also
removed distutils, imp, asynchat, asyncore and smtpd from the standard
library, so they are dropped from stdlib_module_names.
"""
import builtins
import io
import json
import random
import string
import subprocess
import sys

REMOVED_IN_312 = {"distutils", "imp", "asynchat", "asyncore", "smtpd"}

VOCAB = """model optimizer scheduler state_dict load_state_dict epoch epochs loss
best_loss checkpoint ckpt path save_path weights weight bias step global_step
learning_rate lr momentum batch_size train_loader val_loader device net layer
layers hidden_size num_classes dropout criterion scaler grad_norm counter total
items values keys name names x y z i j n ab abc data target output outputs
running_loss accuracy best_acc start_epoch resume config args kwargs self_test
MAX_EPOCHS Model Linear Conv2d BatchNorm transform dataset sampler seed rng
""".split()


def shown(e):
    """The last line CPython's own display prints for e (with hints)."""
    buf = io.StringIO()
    old = sys.stderr
    sys.stderr = buf
    try:
        sys.excepthook(type(e), e, e.__traceback__)
    finally:
        sys.stderr = old
    return buf.getvalue().splitlines()[-1]


def misspell(rng, word):
    w = list(word)
    for _ in range(rng.choice([1, 1, 1, 2, 3])):
        op = rng.randrange(5)
        i = rng.randrange(len(w)) if w else 0
        if op == 0 and len(w) > 1:
            del w[i]
        elif op == 1:
            w.insert(i, rng.choice(string.ascii_lowercase + "_"))
        elif op == 2 and w:
            w[i] = rng.choice(string.ascii_letters)
        elif op == 3 and len(w) > 1 and i + 1 < len(w):
            w[i], w[i + 1] = w[i + 1], w[i]
        elif w:
            w[i] = w[i].swapcase()
    s = "".join(w)
    if not s or not (s[0].isalpha() or s[0] == "_"):
        s = "v" + s
    return s


class Obj:
    pass


def attribute_rows(rng, n):
    rows = []
    while len(rows) < n:
        attrs = rng.sample(VOCAB, rng.randint(1, 8))
        o = Obj()
        for a in attrs:
            setattr(o, a, 0)
        name = misspell(rng, rng.choice(attrs))
        if rng.random() < 0.15:
            name = misspell(rng, rng.choice(VOCAB))
        if not name.isidentifier() or hasattr(o, name):
            continue
        cands = dir(o)
        try:
            getattr(o, name)
        except AttributeError as e:
            line = shown(e)
        prefix = "AttributeError: 'Obj' object has no attribute '%s'" % name
        assert line.startswith(prefix), line
        rows.append(["attr", name, cands, [], line[len(prefix):]])
    return rows


def builtin_type_rows(rng, n):
    rows = []
    objs = [[1, 2], {"a": 1}, "text", (1, 2), {1, 2}, 1.5, 3]
    while len(rows) < n:
        obj = rng.choice(objs)
        cands = dir(obj)
        public = [c for c in cands if not c.startswith("_")]
        name = misspell(rng, rng.choice(public))
        if not name.isidentifier() or hasattr(obj, name):
            continue
        try:
            getattr(obj, name)
        except AttributeError as e:
            line = shown(e)
        head = "AttributeError: '%s' object has no attribute '%s'" % (type(obj).__name__, name)
        assert line.startswith(head), line
        rows.append(["attr", name, cands, [], line[len(head):]])
    return rows


def name_rows(rng, n):
    """NameErrors at module level and inside a function, real builtins."""
    import keyword
    rows = []
    builtin_names = set(builtins.__dict__)
    while len(rows) < n:
        names = rng.sample(VOCAB, rng.randint(1, 10))
        local_names = rng.sample(VOCAB, rng.randint(0, 4)) if rng.random() < 0.5 else None
        pool = names + (local_names or []) + (["print", "range", "len", "sorted", "float"] if rng.random() < 0.3 else [])
        name = misspell(rng, rng.choice(pool))
        if (not name.isidentifier() or keyword.iskeyword(name) or keyword.issoftkeyword(name)
                or name in names or name in (local_names or []) or name in builtin_names
                or name in sys.stdlib_module_names or name == "self"):
            continue
        g = {}
        for a in names:
            g[a] = 0
        if local_names is None:
            code, call = name, None
        else:
            params = ", ".join(local_names[:2])
            body = "".join("    %s = 1\n" % v for v in local_names[2:])
            code = "def f(%s):\n%s    return %s\n" % (params, body, name)
            call = len(local_names[:2])
        try:
            exec(code, g)
            if call is not None:
                g["f"](*range(call))
        except NameError as e:
            line = shown(e)
            varnames = list(g["f"].__code__.co_varnames) if call is not None else []
            head = "NameError: name '%s' is not defined" % name
            assert line.startswith(head), line
            rows.append(["name", name, varnames, list(g), line[len(head):]])
    return rows


def write_rows(path, rows):
    with open(path, "w") as fh:
        fh.write("[\n")
        fh.write(",\n".join(json.dumps(r) for r in rows))
        fh.write("\n]\n")


def go_strings(names, per_line=6):
    lines = []
    for i in range(0, len(names), per_line):
        lines.append("\t" + " ".join('"%s",' % n for n in names[i:i + per_line]))
    return "\n".join(lines)


def write_names(path):
    stdlib = sorted(set(sys.stdlib_module_names) - REMOVED_IN_312)
    script_globals = ["__name__", "__doc__", "__package__", "__loader__", "__spec__",
                      "__annotations__", "__builtins__", "__file__", "__cached__"]
    with open(path, "w") as fh:
        fh.write("// Code generated by testdata/gen.py from CPython's own tables; DO NOT EDIT.\n\n")
        fh.write("package suggest\n\n")
        fh.write("// Builtins lists CPython's builtins module names in dict order, the order\n")
        fh.write("// a NameError search visits them after locals and globals.\n")
        fh.write("var Builtins = []string{\n%s\n}\n\n" % go_strings(list(builtins.__dict__)))
        fh.write("// ModuleGlobals lists the globals CPython gives a script before its first\n")
        fh.write("// line runs, in dict order; they precede the script's own globals.\n")
        fh.write("var ModuleGlobals = []string{\n%s\n}\n\n" % go_strings(script_globals))
        fh.write("// stdlibModules is CPython 3.12's sys.stdlib_module_names.\n")
        fh.write("var stdlibModules = map[string]struct{}{\n")
        for n in stdlib:
            fh.write('\t"%s": {},\n' % n)
        fh.write("}\n")


def main():
    rng = random.Random(3)
    rows = attribute_rows(rng, 600) + builtin_type_rows(rng, 400) + name_rows(rng, 600)
    write_rows("suggestions.json", rows)
    write_names("../names_gen.go")
    subprocess.run(["gofmt", "-w", "../names_gen.go"], check=True)


if __name__ == "__main__":
    main()
