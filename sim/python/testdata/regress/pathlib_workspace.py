from pathlib import Path
import os
ckpt = Path("checkpoints")
ckpt.mkdir(parents=True, exist_ok=True)
p = ckpt / "epoch_3.pt"
print(p, repr(p), p.name, p.stem, p.suffix, p.parent, p.parts, p.with_suffix(".bak"))
p.write_text("data")
print(p.exists(), p.is_file(), ckpt.is_dir(), p.read_text(), p.stat().st_size, os.path.exists(p), os.path.basename(p))
print(sorted(x.name for x in ckpt.iterdir()), list(ckpt.glob("*.pt")))
with open(p) as fh:
    print(fh.read())
q = p.rename(ckpt / "final.pt")
print(q, p.exists(), Path("a", "b", "../c"), Path("/x") / "y", Path(".") / "z", Path("a//b/./c"))
p.unlink(missing_ok=True)
(ckpt / "final.pt").unlink()
print(list(ckpt.iterdir()))
