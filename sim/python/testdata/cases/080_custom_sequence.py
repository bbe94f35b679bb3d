# __len__, __getitem__ and __iter__ make a class a sequence.
class Dataset:
    def __init__(self, n):
        self.n = n

    def __len__(self):
        return self.n

    def __getitem__(self, i):
        if i < 0:
            i += self.n
        if not 0 <= i < self.n:
            raise IndexError("dataset index out of range")
        return i * i


ds = Dataset(5)
print(len(ds), ds[2], ds[-1])
print(list(ds))
print([x for x in ds if x % 2 == 0], 9 in ds, 10 in ds)
try:
    ds[10]
except IndexError as e:
    print("IndexError:", e)


class Batches:
    def __init__(self, data, size):
        self.data = data
        self.size = size

    def __iter__(self):
        for i in range(0, len(self.data), self.size):
            yield self.data[i:i + self.size]


print(list(Batches(list(range(7)), 3)))
