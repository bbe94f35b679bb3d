# Text files: write, append, read, readlines and iteration.
with open("log.txt", "w") as f:
    n = f.write("epoch 1\n")
    f.write("epoch 2\n")
print(n)
with open("log.txt", "a") as f:
    print("epoch 3", file=f)
with open("log.txt") as f:
    print(repr(f.read()))
with open("log.txt") as f:
    print(f.readline().strip(), f.readlines())
with open("log.txt") as f:
    for line in f:
        print(line.rstrip().upper())
f = open("log.txt")
first = f.read(5)
f.close()
print(first, f.closed)
with open("data.bin", "wb") as f:
    f.write(bytes([1, 2, 255]))
with open("data.bin", "rb") as f:
    print(f.read())
