#!/usr/bin/python3
"""Make real.pth with real PyTorch (make_real.py), then record what load_real.py prints when it
loads that file, normalised as the corpus recorder normalises (../cases/record.py).

Usage: /usr/bin/python3 record.py
"""
import os, shutil, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "cases"))
import record as corpus  # noqa: E402

tmp = tempfile.mkdtemp()
try:
    env = {"PATH": "/usr/bin:/bin", "OMP_NUM_THREADS": "1", "PYTHONHASHSEED": "0", "PYTHONUNBUFFERED": "1",
           "PYTHONPATH": os.path.join(HERE, "..", "cases", "target26")}
    shutil.copy(os.path.join(HERE, "make_real.py"), os.path.join(tmp, "main.py"))
    subprocess.run(["/usr/bin/python3", "-W", "ignore", "main.py"], cwd=tmp, env=env, check=True)
    shutil.copy(os.path.join(tmp, "real.pth"), os.path.join(HERE, "real.pth"))
    shutil.copy(os.path.join(HERE, "load_real.py"), os.path.join(tmp, "main.py"))
    p = subprocess.run(["/usr/bin/python3", "-W", "ignore", "main.py"], cwd=tmp, env=env,
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    with open(os.path.join(HERE, "load_real.out"), "w") as fh:
        fh.write(corpus.normalise(p.stdout, tmp))
finally:
    shutil.rmtree(tmp)
