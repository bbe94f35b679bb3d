# A call left open across lines: the tokenizer's message wins.
print("a"
print("b")
