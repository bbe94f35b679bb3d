#!/usr/bin/python3
"""Run every `python run` block of the course's lessons with real PyTorch.

The course promises that every claim is a snippet the learner runs and that the simulator prints what
real PyTorch prints. This script is how an author keeps that promise without trusting the simulator:
it runs each lesson's runnable blocks in order, in one namespace and one fresh working directory per
lesson (as the course page does, like notebook cells), and reports

  - a `python run` block that raised (unexpected exception),
  - a `python run fails` block that did not raise,
  - output that differs from the recorded golden lessons/testdata/<lesson>.golden.

Usage (from the repository root):
  /usr/bin/python3 lessons/testdata/check_with_torch.py            # check every lesson
  /usr/bin/python3 lessons/testdata/check_with_torch.py -update    # re-record the goldens
  /usr/bin/python3 lessons/testdata/check_with_torch.py lessons/04-resume-exactly.md -show

The goldens are what real PyTorch printed, never typed by hand; the simulator's own check can compare
its output with them block by block.

Target versus oracle. The course's target is PyTorch 2.6+ on CPython 3.12; the oracle on the project's
machines is Debian's PyTorch 1.13 on CPython 3.11. Where they differ this script makes the oracle
behave as the target, and says so here:
  1. torch.load defaults to weights_only=True (2.6). 1.13's own weights-only unpickler cannot read
     floats, so the 2.6 rule is applied as 2.6 applies it: every GLOBAL in data.pkl must be in 2.6's
     allow-list (torch/_weights_only_unpickler.py) or added with add_safe_globals; otherwise
     _pickle.UnpicklingError with 2.6's message is raised. Allowed files then load normally.
  2. torch.serialization.add_safe_globals, get_safe_globals, clear_safe_globals and safe_globals exist
     (added in 2.4/2.5) and feed rule 1.
  3. SGD's param_groups carry 'fused': None before 'params' (2.6).
  4. print(OrderedDict) uses CPython 3.12's repr, OrderedDict({...}).
  5. matplotlib is used when installed (apt-get install python3-matplotlib; a non-interactive
     backend prints nothing). Where it is not (CI installs only python3-torch), matplotlib.pyplot is
     a recorder that checks its arguments and draws nothing. sim/pyplot's own texts are recorded
     from real matplotlib in sim/pyplot/testdata/cases.
  6. safetensors is not installed here: safetensors.torch.save_file/load_file are implemented below
     from the format's specification (8-byte little-endian header length, JSON header, raw data).
"""
import builtins
import collections
import contextlib
import difflib
import io
import json
import linecache
import os
import pickle
import pickletools
import re
import shutil
import struct
import sys
import tempfile
import traceback
import types
import warnings
import zipfile
from _compat_pickle import IMPORT_MAPPING, NAME_MAPPING

os.environ.setdefault("OMP_NUM_THREADS", "1")
import torch  # noqa: E402
import torch.nn  # noqa: E402
import torch.optim  # noqa: E402
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "testdata"))
from oracle_rewrites import ordereddict_repr_3_12  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
LESSONS = os.path.dirname(HERE)


# ---------------------------------------------------------------- lesson files

class Block:
    def __init__(self, line, source, fails):
        self.line = line  # 1-based line of the opening fence
        self.source = source
        self.fails = fails


def parse_lesson(path):
    """Return (front matter dict, [Block]) of a lesson file."""
    with open(path, encoding="utf-8") as fh:
        lines = fh.read().split("\n")
    meta = {}
    start = 0
    if lines and lines[0].strip() == "---":
        for i in range(1, len(lines)):
            if lines[i].strip() == "---":
                start = i + 1
                break
            key, _, value = lines[i].partition(":")
            meta[key.strip()] = value.strip()
    blocks, i = [], start
    while i < len(lines):
        m = re.match(r"^(`{3,}|~{3,})\s*(.*)$", lines[i])
        if not m:
            i += 1
            continue
        fence, info = m.group(1), m.group(2).split()
        j = i + 1
        while j < len(lines) and not lines[j].startswith(fence):
            j += 1
        if info[:2] == ["python", "run"]:
            if info[2:] not in ([], ["fails"]):
                raise SystemExit(f"{path}:{i + 1}: unknown info string {' '.join(info)!r}")
            blocks.append(Block(i + 1, "\n".join(lines[i + 1:j]) + "\n", info[2:] == ["fails"]))
        i = j + 1
    return meta, blocks


# ---------------------------------------------------------------- target behaviour (see the docstring)

_user_safe_globals = set()


def _allowed_globals_2_6():
    """The names torch/_weights_only_unpickler.py of PyTorch 2.6 accepts by default."""
    names = {
        "collections.OrderedDict", "collections.Counter", "torch.nn.parameter.Parameter",
        "torch.serialization._get_layout", "torch.Size", "torch.Tensor", "torch.device",
        "_codecs.encode", "builtins.bytearray", "builtins.set", "builtins.complex",
        "torch._tensor._rebuild_from_type_v2",
    }
    for name in dir(torch):
        obj = getattr(torch, name)
        if isinstance(obj, torch.dtype):
            names.add(str(obj))
    for tt in torch._tensor_classes:
        names.add(f"{tt.__module__}.{tt.__name__}")
    for ts in torch._storage_classes:
        names.add(f"{ts.__module__}.{ts.__name__}")
    for f in ["_rebuild_parameter", "_rebuild_parameter_with_state", "_rebuild_qtensor",
              "_rebuild_tensor", "_rebuild_tensor_v2", "_rebuild_tensor_v3", "_rebuild_sparse_tensor",
              "_rebuild_meta_tensor_no_storage", "_rebuild_wrapper_subclass",
              "_rebuild_device_tensor_from_numpy", "_rebuild_device_tensor_from_cpu_tensor"]:
        names.add(f"torch._utils.{f}")
    return names


_ALLOWED = _allowed_globals_2_6()


def _user_allowed():
    out = set()
    for g in _user_safe_globals:
        if isinstance(g, tuple):
            out.add(g[1])
        else:
            out.add(f"{g.__module__}.{g.__qualname__}")
    return out


def _globals_in_checkpoint(f):
    """The GLOBAL names in a zip checkpoint's data.pkl, or None if f is not one."""
    try:
        if isinstance(f, (str, os.PathLike)):
            zf = zipfile.ZipFile(f)
        else:
            pos = f.tell()
            zf = zipfile.ZipFile(io.BytesIO(f.read()))
            f.seek(pos)
    except (OSError, zipfile.BadZipFile):
        return None
    with zf:
        pkl = [n for n in zf.namelist() if n.endswith("/data.pkl") or n == "data.pkl"]
        if not pkl:
            return None
        data = zf.read(pkl[0])
    found = []
    for op, arg, _ in pickletools.genops(data):
        if op.name == "GLOBAL":
            # Python 2 names in protocol-2 pickles, mapped as torch's unpickler maps them.
            module, name = arg.split(" ", 1)
            if (module, name) in NAME_MAPPING:
                module, name = NAME_MAPPING[(module, name)]
            elif module in IMPORT_MAPPING:
                module = IMPORT_MAPPING[module]
            found.append(f"{module}.{name}")
    return found


_UNSAFE_MESSAGE = (
    "In PyTorch 2.6, we changed the default value of the `weights_only` argument in `torch.load` "
    "from `False` to `True`. Re-running `torch.load` with `weights_only` set to `False` will likely "
    "succeed, but it can result in arbitrary code execution. Do it only if you got the file from a "
    "trusted source.")
_DOCS_MESSAGE = ("\n\nCheck the documentation of torch.load to learn more about types accepted by "
                 "default with weights_only https://pytorch.org/docs/stable/generated/torch.load.html.")


def _wo_message(full_path):
    """torch.load's error for a refused global, as PyTorch 2.6's _get_wo_message words it."""
    module = full_path.split(".")[0]
    if module in ("sys", "os", "posix", "nt"):
        inner = f"Trying to load unsupported GLOBAL {full_path} whose module {module} is blocked."
        return "Weights only load failed. " + _UNSAFE_MESSAGE + "\n" + inner + _DOCS_MESSAGE
    # 2.6 suggests the bare name (later versions print the full path).
    shown = full_path[len("builtins."):] if full_path.startswith("builtins.") else full_path
    short = shown.split(".")[-1]
    inner = (f"Unsupported global: GLOBAL {shown} was not an allowed global by default. "
             f"Please use `torch.serialization.add_safe_globals([{short}])` or the "
             f"`torch.serialization.safe_globals([{short}])` context manager to allowlist this "
             "global if you trust this class/function.")
    return ("Weights only load failed. This file can still be loaded, to do so you have two options, "
            "\033[1mdo those steps only if you trust the source of the checkpoint\033[0m. "
            "\n\t(1) " + _UNSAFE_MESSAGE + "\n\t(2) Alternatively, to load with `weights_only=True` "
            "please check the recommended steps in the following error message.\n\tWeightsUnpickler "
            "error: " + inner + _DOCS_MESSAGE)


_real_load = torch.load


def _load_2_6(f, map_location=None, pickle_module=None, *, weights_only=None, **kwargs):
    if weights_only is None:
        weights_only = True
    if weights_only:
        names = _globals_in_checkpoint(f)
        if names:
            allowed = _ALLOWED | _user_allowed()
            for name in names:
                if name.split(".")[0] in ("sys", "os", "posix", "nt") or name not in allowed:
                    raise pickle.UnpicklingError(_wo_message(name))
    if pickle_module is not None:
        kwargs["pickle_module"] = pickle_module
    return _real_load(f, map_location=map_location, weights_only=False, **kwargs)


def add_safe_globals(safe_globals):
    _user_safe_globals.update(safe_globals)


def get_safe_globals():
    return list(_user_safe_globals)


def clear_safe_globals():
    _user_safe_globals.clear()


@contextlib.contextmanager
def safe_globals(globs):
    added = set(globs) - _user_safe_globals
    _user_safe_globals.update(added)
    try:
        yield
    finally:
        _user_safe_globals.difference_update(added)


_real_sgd_init = torch.optim.SGD.__init__


def _sgd_init_2_6(self, *args, **kwargs):
    _real_sgd_init(self, *args, **kwargs)
    self.defaults.setdefault("fused", None)
    for group in self.param_groups:
        group.setdefault("fused", None)


def _pyplot_module():
    """A recorder standing in for matplotlib.pyplot: checks arguments, draws nothing."""
    plt = types.ModuleType("matplotlib.pyplot")
    plt.calls = []

    def numbers(seq, what):
        values = list(seq)
        for v in values:
            if not isinstance(v, (int, float)) and not (isinstance(v, torch.Tensor) and v.numel() == 1):
                raise TypeError(f"plot: {what} must hold numbers, got {type(v).__name__}")
        return values

    def plot(*args, label=None, **kwargs):
        if len(args) == 1:
            numbers(args[0], "y")
        elif len(args) in (2, 3):
            if len(numbers(args[0], "x")) != len(numbers(args[1], "y")):
                raise ValueError("x and y must have same first dimension")
        else:
            raise TypeError("plot() takes y, or x and y, and an optional format string")
        plt.calls.append(("plot", label))

    def text_call(name):
        def f(s, **kwargs):
            if not isinstance(s, str):
                raise TypeError(f"{name}() wants a str")
            plt.calls.append((name, s))
        return f

    plt.plot = plot
    plt.xlabel, plt.ylabel, plt.title = text_call("xlabel"), text_call("ylabel"), text_call("title")
    plt.legend = lambda *a, **k: plt.calls.append(("legend",))
    plt.show = lambda *a, **k: plt.calls.clear()
    return plt


# safetensors, from its specification: little-endian u64 header size, a JSON header mapping each
# tensor name to dtype, shape and [begin, end) data offsets (plus optional "__metadata__"), then the
# data. The reference writer orders tensors by dtype alignment (largest first) then by name, pads the
# header with spaces to a multiple of 8 bytes, and load_file returns the tensors sorted by name.
_ST_DTYPES = {torch.float64: "F64", torch.float32: "F32", torch.float16: "F16",
              torch.bfloat16: "BF16", torch.int64: "I64", torch.int32: "I32", torch.int16: "I16",
              torch.int8: "I8", torch.uint8: "U8", torch.bool: "BOOL"}
_ST_BY_NAME = {v: k for k, v in _ST_DTYPES.items()}


def _st_save_file(tensors, filename, metadata=None):
    if not isinstance(tensors, dict):
        raise ValueError(f"Expected a dict of [str, torch.Tensor] but received {type(tensors)}")
    for k, v in tensors.items():
        if not isinstance(v, torch.Tensor):
            raise ValueError(f"Key `{k}` is invalid, expected torch.Tensor but received {type(v)}")
    ptrs = collections.defaultdict(list)
    for k, v in tensors.items():
        if v.numel() > 0:
            ptrs[(v.untyped_storage().data_ptr() if hasattr(v, "untyped_storage")
                  else v.storage().data_ptr())].append(k)
    shared = [sorted(names) for names in ptrs.values() if len(names) > 1]
    if shared:
        raise RuntimeError(
            f"\n            Some tensors share memory, this will lead to duplicate memory on disk and "
            f"potential differences when loading them again: {shared}.\n            A potential way "
            "to correctly save your model is to use `save_model`.\n            More information at "
            "https://huggingface.co/docs/safetensors/torch_shared_tensors\n            ")
    order = sorted(tensors, key=lambda k: (-tensors[k].element_size(), k))
    header, chunks, offset = {}, [], 0
    if metadata is not None:
        header["__metadata__"] = metadata
    for k in order:
        t = tensors[k].detach().contiguous()
        raw = t.view(torch.uint8).numpy().tobytes() if t.numel() else b""
        header[k] = {"dtype": _ST_DTYPES[t.dtype], "shape": list(t.shape),
                     "data_offsets": [offset, offset + len(raw)]}
        chunks.append(raw)
        offset += len(raw)
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    with open(filename, "wb") as fh:
        fh.write(struct.pack("<Q", len(text)) + text + b"".join(chunks))


def _st_load_file(filename, device="cpu"):
    with open(filename, "rb") as fh:
        data = fh.read()
    (n,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + n])
    header.pop("__metadata__", None)
    body = data[8 + n:]
    out = {}
    for k in sorted(header):
        info = header[k]
        begin, end = info["data_offsets"]
        dtype = _ST_BY_NAME[info["dtype"]]
        flat = torch.frombuffer(bytearray(body[begin:end]), dtype=dtype) if end > begin \
            else torch.empty(0, dtype=dtype)
        out[k] = flat.reshape(info["shape"]).clone()
    return out


def install_target_behaviour():
    torch.load = _load_2_6
    torch.serialization.load = _load_2_6
    torch.serialization.add_safe_globals = add_safe_globals
    torch.serialization.get_safe_globals = get_safe_globals
    torch.serialization.clear_safe_globals = clear_safe_globals
    torch.serialization.safe_globals = safe_globals
    torch.optim.SGD.__init__ = _sgd_init_2_6
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        mpl = types.ModuleType("matplotlib")
        mpl.pyplot = _pyplot_module()
        sys.modules["matplotlib"] = mpl
        sys.modules["matplotlib.pyplot"] = mpl.pyplot
    try:
        import safetensors.torch  # noqa: F401
    except ImportError:
        st = types.ModuleType("safetensors")
        st.torch = types.ModuleType("safetensors.torch")
        st.torch.save_file, st.torch.load_file = _st_save_file, _st_load_file
        sys.modules["safetensors"] = st
        sys.modules["safetensors.torch"] = st.torch


# ---------------------------------------------------------------- running

def format_exception(exc):
    """The traceback as the learner sees it: only frames of the learner's own code (main.py)."""
    tb = traceback.TracebackException.from_exception(exc)
    tb.stack = traceback.StackSummary.from_list([f for f in tb.stack if f.filename == "main.py"])
    return "".join(tb.format())


def run_lesson(path):
    """Run the lesson's blocks; return (problems, golden text)."""
    meta, blocks = parse_lesson(path)
    problems, golden = [], []
    main = types.ModuleType("__main__")
    saved_main, saved_cwd = sys.modules["__main__"], os.getcwd()
    workdir = tempfile.mkdtemp(prefix="lesson-")
    sys.modules["__main__"] = main
    _user_safe_globals.clear()
    torch.manual_seed(torch.initial_seed())  # a fresh default generator, as in a new process
    try:
        os.chdir(workdir)
        for n, block in enumerate(blocks, 1):
            linecache.cache["main.py"] = (len(block.source), None, block.source.splitlines(True), "main.py")
            out = io.StringIO()
            raised = None
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out), \
                    warnings.catch_warnings():
                warnings.simplefilter("ignore")
                try:
                    exec(compile(block.source, "main.py", "exec"), main.__dict__)
                except Exception as exc:  # the learner's exception, reported like a traceback
                    raised = exc
                    print(format_exception(exc), end="")
            text = ordereddict_repr_3_12(out.getvalue())
            golden.append(f"=== block {n} (line {block.line}){' fails' if block.fails else ''}\n{text}")
            if raised is not None and not block.fails:
                problems.append(f"{path}:{block.line}: block {n} raised unexpectedly:\n{text}")
            if raised is None and block.fails:
                problems.append(f"{path}:{block.line}: block {n} is marked `fails` but ran without error")
    finally:
        os.chdir(saved_cwd)
        sys.modules["__main__"] = saved_main
        shutil.rmtree(workdir)
    for key in ("title", "slug", "order", "summary", "minutes"):
        if not meta.get(key):
            problems.append(f"{path}:1: front matter lacks {key}")
    return problems, "".join(golden)


def main(argv):
    update = "-update" in argv
    show = "-show" in argv
    paths = [a for a in argv if not a.startswith("-")]
    if not paths:
        paths = sorted(os.path.join(LESSONS, f) for f in os.listdir(LESSONS)
                       if re.match(r"^\d\d-.*\.md$", f))
    install_target_behaviour()
    all_problems = []
    paths = [os.path.relpath(p) for p in paths]
    for path in paths:
        problems, text = run_lesson(path)
        golden_path = os.path.join(HERE, os.path.basename(path)[:-3] + ".golden")
        if show:
            print(text, end="")
        if update:
            with open(golden_path, "w", encoding="utf-8") as fh:
                fh.write(text)
        elif os.path.exists(golden_path):
            with open(golden_path, encoding="utf-8") as fh:
                want = fh.read()
            if want != text:
                diff = "".join(difflib.unified_diff(want.splitlines(True), text.splitlines(True),
                                                    golden_path, "now"))
                problems.append(f"{path}:1: output differs from {golden_path}:\n{diff}")
        else:
            problems.append(f"{path}:1: no golden {golden_path} (run with -update)")
        all_problems += problems
        print(f"{path}: {len(parse_lesson(path)[1])} blocks, {len(problems)} problems", file=sys.stderr)
    for p in all_problems:
        print(p, file=sys.stderr)
    failed = len({p.split(":", 1)[0] for p in all_problems})
    print(f"lessons: {len(paths) - failed} passed, {failed} failed")
    return 1 if all_problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
