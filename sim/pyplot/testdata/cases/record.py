#!/usr/bin/python3
"""Record what real matplotlib prints for each NNN_topic.py case: writes NNN_topic.out beside it.

Usage: record.py [CASE.py ...]   (no arguments: every NNN_*.py in this directory)

Each case runs as main.py in a fresh empty directory, as the learner's file would, with
/usr/bin/python3 -W ignore (matplotlib 3.6.3 from Debian on CPython 3.11, the oracle on this
machine), MPLBACKEND=Agg, unbuffered so prints, logged warnings and tracebacks interleave as on a
terminal, with one warmed-up MPLCONFIGDIR outside the case's directory. The output (stdout and stderr together) is then normalised as the torch recorder does:
frames of files other than main.py are dropped from tracebacks. Last, the texts that changed
between 3.6 and the simulator's target, matplotlib 3.8, are rewritten to 3.8's (see REWRITES_3_8
and README.md); each rewrite names the 3.8 source it follows.
"""
import os, re, shutil, subprocess, sys, tempfile
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "..", "testdata"))
from oracle_rewrites import drop_library_frames  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
CASE = re.compile(r"^\d{3}_[a-z0-9_]+\.py$")

# 3.6.3 text -> 3.8 text. Sources: matplotlib 3.8.2 as vendored in microsoft/ML-For-Beginners
# (.venv/Lib/site-packages/matplotlib at commit dcef7fad449849235467cc4c25af651e13a134ba,
# _version.py '3.8.2'), compared with /usr/lib/python3/dist-packages/matplotlib (3.6.3).
REWRITES_3_8 = [
    # 3.7 removed the generated AxesSubplot classes (axes/_subplots.py is gone): subplots,
    # gca and add_subplot return plain Axes, whose __str__ and __repr__ print
    # type(self).__name__ (axes/_base.py, _AxesBase.__str__ and __repr__).
    (re.compile(r"<class 'matplotlib\.axes\._subplots\.AxesSubplot'>"),
     "<class 'matplotlib.axes._axes.Axes'>"),
    (re.compile(r"\bAxesSubplot\("), "Axes("),
    (re.compile(r"<AxesSubplot: "), "<Axes: "),
    # 3.6's _process_plot_var_args.__call__ raises
    #   TypeError(f"{self.command} got an unexpected keyword argument {pos_only!r}")
    # for plot(x=...); 3.8 raises _api.kwarg_error(self.command, pos_only), which is
    #   TypeError(f"{name}() got an unexpected keyword argument '{kw}'")  (_api/__init__.py).
    (re.compile(r"TypeError: plot got an unexpected keyword argument "),
     "TypeError: plot() got an unexpected keyword argument "),
    # Axes._parse_scatter_color_args ends its message with {c} in 3.6 and {c!r} in 3.8
    # (axes/_axes.py). The cases pass only strings as c, whose repr is the quoted word.
    (re.compile(r"(or a sequence of numbers, not )([^'\n]*)$", re.M), r"\1'\2'"),
]


def rewrite_3_8(text):
    for pattern, repl in REWRITES_3_8:
        text = pattern.sub(repl, text)
    return text


def normalise(text, tmp):
    return rewrite_3_8(drop_library_frames(text, tmp))


def run(case, config):
    tmp = tempfile.mkdtemp()
    try:
        shutil.copy(case, os.path.join(tmp, "main.py"))
        env = {"PATH": "/usr/bin:/bin", "PYTHONHASHSEED": "0", "PYTHONUNBUFFERED": "1",
               "MPLBACKEND": "Agg", "MPLCONFIGDIR": config, "HOME": config, "OMP_NUM_THREADS": "1"}
        p = subprocess.run(["/usr/bin/python3", "-W", "ignore", "main.py"], cwd=tmp, env=env,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=300)
        return normalise(p.stdout, tmp)
    finally:
        shutil.rmtree(tmp)


if __name__ == "__main__":
    paths = sys.argv[1:] or sorted(os.path.join(HERE, f) for f in os.listdir(HERE) if CASE.match(f))
    # One matplotlib config directory for the session, outside the cases' directories, warmed up
    # first so that building the font cache logs nothing into a case's output.
    config = tempfile.mkdtemp()
    try:
        subprocess.run(["/usr/bin/python3", "-W", "ignore", "-c", "import matplotlib.pyplot"],
                       env={"PATH": "/usr/bin:/bin", "MPLBACKEND": "Agg", "MPLCONFIGDIR": config,
                            "HOME": config}, capture_output=True, timeout=300)
        for path in paths:
            out = run(path, config)
            with open(path[:-3] + ".out", "w") as fh:
                fh.write(out)
            print(f"{os.path.basename(path)}: {len(out.splitlines())} lines")
    finally:
        shutil.rmtree(config)
