# Indexing past the end of a string.
name = "ckpt"
for i in range(5):
    print(name[i])
