# bytes: literals, indexing, decode/encode and repr.
b = b"abc\x00\xff"
print(b, len(b), b[0], b[-1], b[1:3], list(b[:3]))
print("héllo".encode(), "héllo".encode("utf-8").decode("utf-8"))
print(b"x" + b"y", b"ab" * 2, b"a" in b"cat", bytes(3), bytes([65, 66]))
print(b.hex(), bytes.fromhex("4142"), b"hello".upper(), b"a,b".split(b","))
print(repr(b"it's"), repr(b'"'), b"\t\n\r")
print(bytearray(b"abc"), bytearray(2))
ba = bytearray(b"abc")
ba[0] = 65
ba.append(100)
print(ba, bytes(ba))
