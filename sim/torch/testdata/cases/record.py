#!/usr/bin/python3
"""Record what real PyTorch prints for each NNN_topic.py case: writes NNN_topic.out beside it.

Usage: record.py [CASE.py ...]   (no arguments: every NNN_*.py in this directory)

Each case runs as main.py in a fresh empty directory, as the learner's file would, with
/usr/bin/python3 -W ignore (PyTorch 1.13 on CPython 3.11, the oracle on this machine),
unbuffered so prints and tracebacks interleave as on a terminal, one thread, and
target26/ on PYTHONPATH: its sitecustomize.py makes 1.13 behave as 2.6 where the cases
can see a difference (see README.md). The output (stdout and stderr together) is then
normalised as /work/shared/fidelity/torchref.py does: frames of files other than main.py
are dropped from tracebacks, and OrderedDict reprs are rewritten to CPython 3.12's form.
"""
import os, re, shutil, subprocess, sys, tempfile
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "..", "testdata"))
from oracle_rewrites import drop_library_frames, ordereddict_repr_3_12  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
CASE = re.compile(r"^\d{3}_[a-z0-9_]+\.py$")


def normalise(text, tmp):
    return ordereddict_repr_3_12(drop_library_frames(text, tmp))


def run(case):
    tmp = tempfile.mkdtemp()
    try:
        shutil.copy(case, os.path.join(tmp, "main.py"))
        env = {"PATH": "/usr/bin:/bin", "OMP_NUM_THREADS": "1", "PYTHONHASHSEED": "0",
               "PYTHONUNBUFFERED": "1", "PYTHONPATH": os.path.join(HERE, "target26")}
        p = subprocess.run(["/usr/bin/python3", "-W", "ignore", "main.py"], cwd=tmp, env=env,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=300)
        return normalise(p.stdout, tmp)
    finally:
        shutil.rmtree(tmp)


if __name__ == "__main__":
    paths = sys.argv[1:] or sorted(os.path.join(HERE, f) for f in os.listdir(HERE) if CASE.match(f))
    for path in paths:
        out = run(path)
        with open(path[:-3] + ".out", "w") as fh:
            fh.write(out)
        print(f"{os.path.basename(path)}: {len(out.splitlines())} lines")
