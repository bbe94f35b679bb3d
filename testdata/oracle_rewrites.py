"""Rewrites the project's oracle recorders apply to real CPython 3.11 output so it reads as 3.12.

The oracle on these machines is CPython 3.11; the simulator targets 3.12. Where only the printed text
differs, and the difference is in C code that cannot be patched, the recorders rewrite the text.
This is the one copy of each rewrite; the recorders import it:
  sim/python/testdata/cases/record.py, sim/torch/testdata/cases/record.py,
  sim/pyplot/testdata/cases/record.py, lessons/testdata/check_with_torch.py.
The same rewrite as /work/shared/fidelity/torchref.py, which recorded the shared corpus.
"""
import re



def _skip_string(s, pos):
    """Index of the quote closing the string literal that opens at s[pos]."""
    q = s[pos]
    pos += 1
    while s[pos] != q:
        pos += 2 if s[pos] == "\\" else 1
    return pos


def ordereddict_repr_3_12(s):
    """OrderedDict([('a', X), ('b', Y)]) -> OrderedDict({'a': X, 'b': Y}), CPython 3.12's repr."""
    out, i = [], 0
    key = "OrderedDict(["
    while True:
        j = s.find(key, i)
        if j < 0:
            out.append(s[i:])
            break
        out.append(s[i:j])
        # The (key, value) tuples at depth 0, up to the closing ']'.
        items, depth, start, pos = [], 0, None, j + len(key)
        while pos < len(s):
            c = s[pos]
            if c in "([{":
                if depth == 0 and c == "(":
                    start = pos
                depth += 1
            elif c in ")]}":
                if depth == 0 and c == "]":
                    break
                depth -= 1
                if depth == 0 and c == ")" and start is not None:
                    items.append(s[start + 1:pos])
                    start = None
            elif c in "'\"":
                pos = _skip_string(s, pos)
            pos += 1
        conv = []
        for it in items:
            # Split "key, value" at the first comma at depth 0.
            d, p = 0, 0
            while p < len(it):
                c = it[p]
                if c in "'\"":
                    p = _skip_string(it, p)
                elif c in "([{":
                    d += 1
                elif c in ")]}":
                    d -= 1
                elif c == "," and d == 0:
                    break
                p += 1
            conv.append(it[:p] + ": " + it[p + 1:].lstrip(" \n"))
        body = ordereddict_repr_3_12(", ".join(conv))
        out.append("OrderedDict({" + body + "})" if items else "OrderedDict()")
        i = pos + 2  # skip "])"
    return "".join(out)


def drop_library_frames(text, tmp):
    """The output of main.py run in directory tmp as the simulator shows it: paths relative to tmp,
    and traceback frames of files other than main.py (the library's own) left out with their
    source lines, as the simulator shows only the learner's frames."""
    text = text.replace(tmp + "/", "")
    lines, out, i = text.split("\n"), [], 0
    while i < len(lines):
        m = re.match(r'  File "([^"]+)", line \d+, in ', lines[i])
        if m and m.group(1) != "main.py":
            i += 1
            while i < len(lines) and lines[i].startswith("    "):
                i += 1
            continue
        out.append(lines[i])
        i += 1
    return "\n".join(out)
