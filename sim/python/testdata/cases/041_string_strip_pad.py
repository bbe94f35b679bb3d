# strip and padding methods.
s = "  padded\t\n"
print(repr(s.strip()), repr(s.lstrip()), repr(s.rstrip()))
print("xxhixx".strip("x"), "www.example.com".lstrip("w."), "file.pt.pt".rstrip(".pt"))
print("[" + "mid".center(9) + "]", "[" + "mid".center(8, "*") + "]")
print("[" + "l".ljust(5) + "]", "[" + "r".rjust(5, ".") + "]", "[" + "long text".ljust(3) + "]")
print("42".zfill(5), "-42".zfill(5), "+7".zfill(4), "abc".zfill(2))
print("a\tb\tc".expandtabs(4))
print("report.pt".removesuffix(".pt"), "model_v1".removeprefix("model_"), "x".removeprefix("y"))
