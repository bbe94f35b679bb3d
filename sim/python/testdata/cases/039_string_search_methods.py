# Searching inside strings.
s = "the quick brown fox jumps over the lazy dog"
print(s.find("the"), s.find("the", 1), s.rfind("the"), s.find("cat"))
print(s.index("fox"), s.rindex("o"), s.count("o"), s.count("the"), s.count(""))
print(s.startswith("the"), s.endswith("dog"), s.startswith(("a", "t")), s.endswith("cat"))
print(s.startswith("quick", 4), "fox" in s, "cat" not in s)
print("aaaa".count("aa"), "abc".find(""), "abc".find("c", -1))
try:
    s.index("cat")
except ValueError as e:
    print("ValueError:", e)
