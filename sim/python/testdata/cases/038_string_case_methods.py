# Case conversions.
s = "hello World of PYTHON"
print(s.upper(), "|", s.lower())
print(s.title(), "|", s.capitalize(), "|", s.swapcase())
print("straße".upper(), "ǅ".lower(), "ß".casefold())
print("they're bill's".title())
print("ABC".isupper(), "abc".islower(), "Title Case".istitle(), "123".isupper())
