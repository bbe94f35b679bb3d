#!/usr/bin/python3
"""Record what CPython prints for every case in this directory.

Usage (from anywhere):  /usr/bin/python3 record.py [NAME.py ...]

Each NNN_topic.py is copied to main.py in a fresh empty temporary directory
and run there as `/usr/bin/python3 main.py` with PYTHONHASHSEED=0 (and
unbuffered output, so prints and a traceback interleave as on a terminal).
stdout and stderr together, in order, become NNN_topic.out. Every case is
run twice and must print the same bytes both times.

The oracle is CPython 3.11; the target is CPython 3.12. The output is
normalised to what 3.12 prints, and each rewrite is listed here (a case
that depends on one says so in its first comment):

  * paths: CPython 3.11 names the script by its absolute path; tracebacks
    here name it "main.py". Frames in other files (the standard library)
    are dropped, as the simulator shows only the learner's frames.
  * OrderedDict repr: 3.11 prints OrderedDict([('a', 1)]), 3.12 prints
    OrderedDict({'a': 1}).
  * randrange/randint errors: 3.11 says "empty range for randrange()
    (10, 2, -8)", 3.12 says "empty range in randrange(10, 2)".
  * min()/max() of an empty iterable: 3.11 says "max() arg is an empty
    sequence", 3.12 says "max() iterable argument is empty" (gh-90829).
  * comprehensions: 3.12 inlines list, dict and set comprehensions (PEP
    709), so a traceback no longer has a separate "<listcomp>" frame; the
    failing line is reported in the enclosing frame. The <listcomp>,
    <dictcomp> and <setcomp> frames are merged into the frame above them.
  * per-case rewrites: a case may carry lines
        # rewrite-3.12: OLD => NEW
    for a 3.12 behaviour the oracle cannot show (the NameError hints "Did
    you mean: 'self.x'?" and "Did you forget to import 'math'?" are new in
    3.12). The recorder replaces OLD with NEW in the output and fails if OLD
    does not occur, so a stale rewrite cannot pass silently.

Cases avoid the other 3.11/3.12 differences rather than rewrite them: the
f-string grammar (3.12's PEP 701) and NameErrors on standard-library module
names without a rewrite line.
Both versions display an uncaught exception with the same C code
(Python/pythonrun.c, traceback.c, suggestions.c), so carets and "Did you
mean" hints otherwise agree.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "..", "testdata"))
from oracle_rewrites import ordereddict_repr_3_12  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ENV = {
    "PATH": "/usr/bin:/bin",
    "PYTHONHASHSEED": "0",
    "PYTHONUNBUFFERED": "1",
    "PYTHONDONTWRITEBYTECODE": "1",
    "LC_ALL": "C.UTF-8",
}


FRAME = re.compile(r'  File "([^"]+)", line (\d+), in (.*)$')


def split_frames(lines, i):
    """The frame starting at lines[i]: its header and indented lines."""
    j = i + 1
    while j < len(lines) and lines[j].startswith("    "):
        j += 1
    return lines[i:j], j


def normalise(text, tmp):
    text = text.replace(tmp + "/", "")
    lines = text.split("\n")
    out = []
    i = 0
    while i < len(lines):
        m = FRAME.match(lines[i])
        if not m:
            out.append(lines[i])
            i += 1
            continue
        frame, i = split_frames(lines, i)
        if m.group(1) != "main.py":
            continue  # a standard-library frame
        if m.group(3) in ("<listcomp>", "<dictcomp>", "<setcomp>") and out:
            # 3.12 (PEP 709): the comprehension runs in the enclosing frame.
            k = len(out) - 1
            while k >= 0 and not FRAME.match(out[k]):
                k -= 1
            if k >= 0:
                outer = FRAME.match(out[k])
                del out[k:]
                frame[0] = '  File "%s", line %s, in %s' % (m.group(1), m.group(2), outer.group(3))
        out.extend(frame)
    text = ordereddict_repr_3_12("\n".join(out))
    text = re.sub(r"\b(min|max)\(\) arg is an empty sequence", r"\1() iterable argument is empty", text)
    return re.sub(r"empty range for randrange\(\) \((-?\d+), (-?\d+), -?\d+\)",
                  r"empty range in randrange(\1, \2)", text)


REWRITE = re.compile(r"^# rewrite-3\.12: (.*) => (.*)$", re.M)


def apply_case_rewrites(case, text):
    with open(case, encoding="utf-8") as fh:
        source = fh.read()
    for old, new in REWRITE.findall(source):
        if old not in text:
            raise SystemExit("%s: rewrite %r does not match the output" % (case, old))
        text = text.replace(old, new)
    return text


def run(case):
    tmp = tempfile.mkdtemp(prefix="ckptlab-case-")
    try:
        shutil.copy(case, os.path.join(tmp, "main.py"))
        p = subprocess.run(["/usr/bin/python3", "main.py"], cwd=tmp, env=ENV,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=60)
        text = p.stdout.decode("utf-8")
        if tmp in text.replace(tmp + "/", ""):
            raise SystemExit("%s: output names the temporary directory" % case)
        return apply_case_rewrites(case, normalise(text, tmp))
    finally:
        shutil.rmtree(tmp)


def main(argv):
    names = argv or sorted(f for f in os.listdir(HERE) if re.match(r"\d{3}_\w+\.py$", f))
    for name in names:
        path = os.path.join(HERE, os.path.basename(name))
        first, second = run(path), run(path)
        if first != second:
            raise SystemExit("%s: output differs between two runs" % name)
        with open(path[:-3] + ".out", "w", encoding="utf-8") as fh:
            fh.write(first)
        print("%s: %d lines" % (os.path.basename(name), first.count("\n")))


if __name__ == "__main__":
    main(sys.argv[1:])
