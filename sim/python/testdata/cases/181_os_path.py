# os.path string functions (no files needed).
import os.path

p = os.path.join("runs", "exp1", "model.pt")
print(p)
print(os.path.basename(p), os.path.dirname(p))
print(os.path.splitext(p), os.path.splitext("archive.tar.gz"), os.path.splitext("noext"))
print(os.path.split(p), os.path.join("a", "/abs", "b"), os.path.join("dir/", "f"))
print(os.path.basename("dir/"), os.path.isabs("/x"), os.path.isabs("x"))
print(os.path.normpath("a//b/../c/."), os.sep)
stem, ext = os.path.splitext(os.path.basename(p))
print(f"{stem}_best{ext}")
