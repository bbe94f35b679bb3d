"""Record checkpoints from real PyTorch, and what real PyTorch loads from them.

Run from sim/pth:  /usr/bin/python3 testdata/gen.py
It rewrites testdata/torch/*.pth and testdata/torch/expected.json. The Go tests
load every file with pth.Read and compare each value with the JSON.

The oracle on this machine is PyTorch 1.13 on CPython 3.11; the target is 2.6.
1.13 writes the older record set (no .format_version, .storage_alignment,
byteorder, .data/serialization_id), which a 2.6 reader accepts too, so these
files double as tests of reading older checkpoints.
"""
import collections
import io
import json
import math
import os
import pickle
import pickletools
import runpy
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import zipfile

import torch
import torch.nn as nn

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "torch")


def enc(v, storages):
    """Canonical JSON of a loaded value; storages numbers shared memory."""
    if v is None:
        return None
    if isinstance(v, bool):
        return v
    if isinstance(v, int):
        return {"int": str(v)}
    if isinstance(v, float):
        return {"float": "%016x" % struct.unpack("<Q", struct.pack("<d", v))[0]}
    if isinstance(v, str):
        return {"str": v}
    if isinstance(v, (bytes, bytearray)):
        return {"bytes": bytes(v).hex()}
    if isinstance(v, torch.Size):
        return {"size": list(v)}
    if isinstance(v, tuple):
        return {"tuple": [enc(e, storages) for e in v]}
    if isinstance(v, list):
        return {"list": [enc(e, storages) for e in v]}
    if isinstance(v, set):
        return {"set": [enc(e, storages) for e in v]}
    if isinstance(v, dict):
        kind = "dict"
        if type(v) is collections.OrderedDict:
            kind = "OrderedDict"
        elif type(v) is collections.Counter:
            kind = "Counter"
        out = {"dict": [[enc(k, storages), enc(x, storages)] for k, x in v.items()], "kind": kind}
        attrs = getattr(v, "__dict__", {})
        if attrs:
            out["attrs"] = enc(dict(attrs), storages)
        return out
    if isinstance(v, torch.dtype):
        return {"dtype": str(v)[len("torch."):]}
    if isinstance(v, torch.device):
        return {"device": str(v)}
    if isinstance(v, torch.Tensor):
        st = v.untyped_storage() if hasattr(v, "untyped_storage") else v.storage().untyped()
        ptr = st.data_ptr()
        if ptr not in storages:
            storages[ptr] = len(storages)
        raw = bytes(st.cpu()) if v.device.type != "meta" else b""
        return {"tensor": {
            "dtype": str(v.dtype)[len("torch."):],
            "shape": list(v.shape),
            "stride": list(v.stride()),
            "offset": v.storage_offset(),
            "requires_grad": v.requires_grad,
            "parameter": isinstance(v, nn.Parameter),
            "storage": storages[ptr],
            "data": raw.hex(),
            "device": str(v.device),
        }}
    if isinstance(v, nn.Module):
        cls = type(v)
        return {"object": cls.__module__ + "." + cls.__qualname__, "state": enc(dict(v.__dict__), storages)}
    raise TypeError("cannot encode %r" % type(v))


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(3, 2)
        self.fc2 = nn.Linear(2, 1)

    def forward(self, x):
        return self.fc2(torch.relu(self.fc1(x)))


class Evil:
    """A pickle payload: unpickling it calls func(*args)."""

    def __init__(self, func, args):
        self.func, self.args = func, args

    def __reduce__(self):
        return (self.func, self.args)


def optimizer_state(opt_cls, **kw):
    torch.manual_seed(0)
    model = nn.Linear(3, 2)
    opt = opt_cls(model.parameters(), **kw)
    for _ in range(2):
        opt.zero_grad()
        model(torch.ones(4, 3)).pow(2).sum().backward()
        opt.step()
    return opt.state_dict()


def cases():
    torch.manual_seed(0)
    lin = nn.Linear(3, 2)
    seq = nn.Sequential(nn.Linear(4, 3), nn.ReLU(), nn.Linear(3, 1))
    bn = nn.BatchNorm1d(3)
    bn(torch.randn(5, 3))
    base = torch.arange(12.0).reshape(3, 4)
    yield "linear_state_dict", lin.state_dict()
    yield "sequential_state_dict", seq.state_dict()
    yield "batchnorm_state_dict", bn.state_dict()
    yield "sgd_state_dict", optimizer_state(torch.optim.SGD, lr=0.1, momentum=0.9)
    yield "adam_state_dict", optimizer_state(torch.optim.Adam, lr=0.01)
    yield "nested", {
        "epoch": 3, "model": seq.state_dict(), "optimizer": optimizer_state(torch.optim.SGD, lr=0.1),
        "loss": 0.1, "history": [1.0, 0.5, float("inf"), -0.0], "name": "run-é", "cfg": (1, "a", None, True, False),
        "big": 2 ** 70, "neg": -(2 ** 40), "small_neg": -5, "mid": 300, "large": 70000, "bytes": b"\x00\xff", "empty": {},
        "size": torch.Size([2, 3]), "dtype": torch.float16, "cpu": torch.device("cpu"),
        "cuda1": torch.device("cuda", 1), 7: "int key", (1, 2): "tuple key", "set": {3},
        "counter": collections.Counter({"a": 2}), "long_list": list(range(1003)),
    }
    yield "dtypes", {
        "float32": torch.tensor([1.5, -2.0]), "float64": torch.tensor([1.0 / 3], dtype=torch.float64),
        "float16": torch.tensor([0.1, 65504.0], dtype=torch.float16),
        "bfloat16": torch.tensor([0.1, -3.0], dtype=torch.bfloat16),
        "int64": torch.tensor([-(2 ** 62), 5]), "int32": torch.tensor([-7, 2 ** 30], dtype=torch.int32),
        "int16": torch.tensor([-300], dtype=torch.int16), "int8": torch.tensor([-128, 127], dtype=torch.int8),
        "uint8": torch.tensor([0, 255], dtype=torch.uint8), "bool": torch.tensor([True, False, True]),
        "complex64": torch.tensor([1 + 2j], dtype=torch.complex64),
        "scalar": torch.tensor(3.25), "empty": torch.zeros(0, 3),
    }
    yield "parameters", {
        "p": nn.Parameter(torch.randn(2, 2)), "frozen": nn.Parameter(torch.ones(2), requires_grad=False),
        "leaf": torch.ones(3, requires_grad=True), "plain": torch.zeros(2),
    }
    yield "shared_views", {
        "base": base, "row": base[1], "col": base[:, 2], "t": base.t(), "same": base,
        "slice": base[1:, 1:3], "other": torch.ones(2),
    }
    model = nn.Linear(3, 2)
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    sched = torch.optim.lr_scheduler.StepLR(opt, step_size=2, gamma=0.5)
    for _ in range(3):
        opt.step()
        sched.step()
    yield "lr_scheduler", sched.state_dict()
    yield "rng_state", {"cpu": torch.get_rng_state(), "epoch": 2}
    yield "single_tensor", torch.arange(6).reshape(2, 3)
    yield "top_list", [torch.ones(2), {"step": 3}, None, 2.5]
    yield "whole_linear", nn.Linear(2, 1)
    yield "whole_net", Net()


def save(name, obj, **kw):
    path = os.path.join(OUT, name + ".pth")
    torch.save(obj, path, **kw)
    return path


def weights_only_error(path):
    """What 1.13's weights_only=True says about the file (None if it loads)."""
    try:
        torch.load(path, weights_only=True)
        return None
    except Exception as e:  # noqa: BLE001 - we record any refusal
        return "%s: %s" % (type(e).__name__, e)


def malicious(marker):
    touch = ["touch", marker]
    return {
        "evil_os_system": Evil(os.system, ("touch " + marker,)),
        "evil_eval": Evil(eval, ("__import__('os').system('touch %s')" % marker,)),
        "evil_popen": Evil(subprocess.Popen, (touch,)),
        "evil_runpy": Evil(runpy._run_code, ("open(%r, 'w').close()" % marker, {})),
        "evil_nested": {"model": collections.OrderedDict(weight=torch.ones(2)),
                        "meta": {"note": Evil(os.system, ("touch " + marker,))}},
    }


def memo_hidden_pickle(marker):
    """A hand-written pickle that names builtins.eval once as a harmless-looking
    value, then calls it later through a memo reference (BINGET)."""
    code = "__import__('os').system('touch %s')" % marker
    p = b"\x80\x02}q\x00(X\x04\x00\x00\x00safeq\x01cbuiltins\neval\nq\x02"
    p += b"X\x04\x00\x00\x00callq\x03h\x02X" + struct.pack("<I", len(code)) + code.encode() + b"q\x04\x85q\x05Rq\x06u."
    return p


def rezip(src, skip=None, extra=None, flat=False):
    """The records of src as a new zip, less one, plus one, or without the folder."""
    buf = io.BytesIO()
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as zout:
        for info in zin.infolist():
            if skip and info.filename.endswith(skip):
                continue
            name = info.filename.split("/", 1)[1] if flat else info.filename
            zout.writestr(zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0)), zin.read(info.filename))
        if extra:
            zout.writestr(zipfile.ZipInfo(extra[0], date_time=(2026, 1, 1, 0, 0, 0)), extra[1])
    return buf.getvalue()


def replace_pickle(src, dst, data_pkl):
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_STORED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename.endswith("/data.pkl"):
                data = data_pkl
            # a fixed timestamp keeps the file the same on every run
            zout.writestr(zipfile.ZipInfo(info.filename, date_time=(2026, 1, 1, 0, 0, 0)), data)


def main():
    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    os.makedirs(OUT)
    expected = {"torch_version": torch.__version__, "python": sys.version.split()[0], "files": []}

    for name, obj in cases():
        path = save(name, obj)
        loaded = torch.load(path)
        expected["files"].append({
            "name": name, "file": name + ".pth", "archive": name,
            "value": enc(loaded, {}),
            "weights_only_error": weights_only_error(path),
        })

    # Protocol 4 (torch.save(..., pickle_protocol=4)) uses opcodes the
    # weights-only unpickler refuses; weights_only=False loads it.
    path = save("protocol4", {"w": torch.ones(2), "name": "x" * 300, "set": {1, 2}}, pickle_protocol=4)
    expected["files"].append({"name": "protocol4", "file": "protocol4.pth", "archive": "protocol4",
                              "value": enc(torch.load(path), {}),
                              "weights_only_error": weights_only_error(path)})

    # The same records re-zipped with deflate (as a zip tool might): PyTorch
    # still reads it.
    with zipfile.ZipFile(os.path.join(OUT, "linear_state_dict.pth")) as zin, \
            zipfile.ZipFile(os.path.join(OUT, "deflated.pth"), "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(zipfile.ZipInfo(info.filename, date_time=(2026, 1, 1, 0, 0, 0)),
                          zin.read(info.filename), compress_type=zipfile.ZIP_DEFLATED)
    expected["files"].append({"name": "deflated", "file": "deflated.pth", "archive": "linear_state_dict",
                              "value": enc(torch.load(os.path.join(OUT, "deflated.pth")), {}),
                              "weights_only_error": weights_only_error(os.path.join(OUT, "deflated.pth"))})

    # torch.save to io.BytesIO names the folder "archive".
    buf = io.BytesIO()
    torch.save({"x": torch.arange(3)}, buf)
    with open(os.path.join(OUT, "bytesio.pth"), "wb") as f:
        f.write(buf.getvalue())
    expected["files"].append({"name": "bytesio", "file": "bytesio.pth", "archive": "archive",
                              "value": enc(torch.load(os.path.join(OUT, "bytesio.pth")), {}),
                              "weights_only_error": None})

    # A checkpoint saved on a GPU: storages tagged cuda:0. This machine has no
    # GPU, so tag CPU storages as CUDA with a higher-priority location tagger.
    torch.serialization.register_package(0, lambda obj: "cuda:0", lambda obj, loc: None)
    path = save("cuda_tagged", collections.OrderedDict(weight=torch.tensor([1.0, 2.0])))
    torch.serialization._package_registry.pop(0)
    with zipfile.ZipFile(path) as z:
        assert b"cuda:0" in z.read("cuda_tagged/data.pkl")
    try:
        torch.load(path)
        cuda_error = None
    except RuntimeError as e:
        cuda_error = str(e)
    expected["cuda"] = {"file": "cuda_tagged.pth", "error": cuda_error,
                        "mapped": enc(torch.load(path, map_location="cpu"), {})}

    # Formats the simulator refuses.
    save("legacy", {"w": torch.ones(2)}, _use_new_zipfile_serialization=False)
    torch.jit.save(torch.jit.script(nn.Linear(2, 1)), os.path.join(OUT, "torchscript.pth"))
    expected["refused"] = ["legacy.pth", "torchscript.pth"]

    # Where each record's data starts, as Python's zipfile reads the headers.
    expected["records"] = {"file": "shared_views.pth", "records": []}
    with open(os.path.join(OUT, "shared_views.pth"), "rb") as f:
        raw = f.read()
    with zipfile.ZipFile(os.path.join(OUT, "shared_views.pth")) as z:
        for info in z.infolist():
            name_len, extra_len = struct.unpack("<HH", raw[info.header_offset + 26: info.header_offset + 30])
            expected["records"]["records"].append(
                [info.filename.split("/", 1)[1], info.header_offset + 30 + name_len + extra_len, info.file_size])

    # Broken files: what torch.load (weights_only=False) raises for each.
    src = os.path.join(OUT, "linear_state_dict.pth")
    with open(src, "rb") as f:
        good = f.read()
    broken = [("truncated_tail", good[:-10]), ("truncated_half", good[: len(good) // 2]),
              ("truncated_100", good[:100]), ("zip_magic_only", good[:4]), ("empty", b""),
              ("text", b"hello world"), ("pickle_int", pickle.dumps(42, protocol=2)),
              ("empty_zip", b"PK\x05\x06" + bytes(18)), ("invalid_key", b"zzz"), ("invalid_byte", b"\xff\x00garbage"), ("quote", b"'x")]
    broken += [("no_version", rezip(src, skip="/version")), ("no_data_pkl", rezip(src, skip="/data.pkl")),
               ("no_storage", rezip(src, skip="/data/0")), ("no_folder", rezip(src, flat=True)),
               ("version_99", rezip(src, skip="/version", extra=("linear_state_dict/version", "99\n"))),
               ("version_0", rezip(src, skip="/version", extra=("linear_state_dict/version", "0\n")))]
    expected["broken"] = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, data in broken:
            path = os.path.join(tmp, name + ".pth")
            with open(path, "wb") as f:
                f.write(data)
            try:
                torch.load(path)
                err = None
            except Exception as e:  # noqa: BLE001 - recording the refusal
                err = {"type": type(e).__name__, "msg": str(e)}
            expected["broken"].append({"name": name, "hex": data.hex(), "error": err})

    # Malicious pickles. Each payload creates a marker file; prove with real
    # PyTorch (weights_only=False, in a scratch directory) that it does.
    marker = "PWNED"
    evil = []
    for name, obj in malicious(marker).items():
        save(name, obj)
        evil.append(name)
    replace_pickle(os.path.join(OUT, "linear_state_dict.pth"), os.path.join(OUT, "evil_memo.pth"),
                   memo_hidden_pickle(marker))
    evil.append("evil_memo")
    expected["malicious"] = []
    for name in evil:
        path = os.path.join(OUT, name + ".pth")
        with tempfile.TemporaryDirectory() as tmp:
            cwd = os.getcwd()
            os.chdir(tmp)
            try:
                try:
                    torch.load(path, weights_only=False)
                except Exception:  # noqa: BLE001 - some payloads return odd values
                    pass
                for _ in range(50):  # Popen runs touch asynchronously
                    if os.path.exists(marker):
                        break
                    time.sleep(0.05)
                ran = os.path.exists(marker)
            finally:
                os.chdir(cwd)
        assert ran, name + ": payload did not run in real PyTorch"
        expected["malicious"].append({"file": name + ".pth", "payload_runs_in_pytorch": ran,
                                      "weights_only_error": weights_only_error(path)})

    # Every GLOBAL each data.pkl names, as pickletools reads the opcodes.
    expected["globals"] = {}
    for name in sorted(os.listdir(OUT)):
        if not name.endswith(".pth") or name in ("legacy.pth", "torchscript.pth"):
            continue
        with zipfile.ZipFile(os.path.join(OUT, name)) as z:
            pkl = z.read([n for n in z.namelist() if n.endswith("/data.pkl")][0])
        names = set()
        for op, arg, _ in pickletools.genops(pkl):
            if op.name == "GLOBAL":
                names.add(arg.replace(" ", "."))
            elif op.name == "STACK_GLOBAL":
                names.add("<stack global>")
        expected["globals"][name] = sorted(names)

    with open(os.path.join(OUT, "expected.json"), "w") as f:
        json.dump(expected, f, indent=1, sort_keys=True, ensure_ascii=False)
        f.write("\n")


if __name__ == "__main__":
    main()
