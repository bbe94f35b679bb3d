# Strings as sequences: iteration, ord/chr, multiplication, sorting.
word = "banana"
for i, ch in enumerate(word):
    if ch == "n":
        print("n at", i)
print([ord(c) for c in "AZaz09"], chr(65) + chr(0x263A) + chr(97))
print("ab" * 3, 3 * "-", "x" * 0 == "")
print(sorted("hello"), "".join(sorted("hello")), list(reversed("abc")))
print(max("hello"), min("hello"), len(word), word.count("a"))
print(word[0], word[-1], word[1:4], "".join(c for c in word if c != "a"))
print("abc" + "def", "abc" < "abd", "Apple" < "apple")
