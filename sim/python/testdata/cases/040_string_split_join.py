# split, rsplit, splitlines, join, partition.
line = "epoch=3, loss=0.25, acc=0.9"
print(line.split(", "))
print(line.split(", ", 1), line.rsplit(", ", 1))
print("  many   spaces here  ".split())
print("a,b,,c".split(","), "".split(","), "".split())
print("one\ntwo\r\nthree\n".splitlines(), "x\ny\n".splitlines(keepends=True))
print("-".join(["a", "b", "c"]), "".join(reversed("abc")), ", ".join(str(n) for n in range(3)))
print("key=value=x".partition("="), "key=value=x".rpartition("="), "none".partition("="))
print("a b c".split(None, 1), "path/to/file.pt".rsplit("/", 1))
