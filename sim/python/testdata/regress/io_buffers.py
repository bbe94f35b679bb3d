import io
buf = io.BytesIO()
print(buf.write(b"abc"), buf.write(b"de"), buf.getvalue(), buf.tell())
buf.seek(1)
print(buf.read(2), buf.read(), len(buf.getvalue()))
s = io.StringIO("x")
s.seek(0, 2)
s.write("yz")
print(s.getvalue(), repr(s.read()))
try:
    buf.write("str")
except TypeError as e:
    print(e)
with io.BytesIO(b"init") as b2:
    print(b2.read())
print(b2.closed)
