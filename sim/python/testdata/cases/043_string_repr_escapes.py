# How repr() quotes and escapes strings.
print(repr("plain"), repr("it's"), repr('say "hi"'), repr("both ' and \""))
print(repr("line\nbreak"), repr("tab\t"), repr("back\\slash"), repr("\x00\x7f"))
print(repr("café"), ascii("café"), repr("\u2603"), ascii("\u2603"), repr("\U0001f600"))
print(["a'b", 'c"d'], ("\n",))
print(str("line\nbreak"))
print(len("\n"), len("\\n"), len("é"))
print(repr(""), repr(" "), repr("\r"))
