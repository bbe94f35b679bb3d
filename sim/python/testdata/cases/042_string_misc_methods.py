# replace and the is* predicates.
s = "one two one two"
print(s.replace("one", "1"), s.replace("one", "1", 1), s.replace("", "-")[:9])
print("123".isdigit(), "12.5".isdigit(), "abc".isalpha(), "ab1".isalnum(), " \t".isspace(), "".isspace())
print("x_1".isidentifier(), "1x".isidentifier(), "Hello".isascii(), "héllo".isascii())
print("3".isnumeric(), "٣".isdigit(), "ab".isdecimal())
print("a-b-c".split("-", maxsplit=1), "Mississippi".replace("ss", "SS"))
print("tab\there".replace("\t", " -> "))
