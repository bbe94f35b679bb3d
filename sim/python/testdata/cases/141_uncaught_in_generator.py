# An exception raised inside a generator, seen by its consumer.
def batches(data, size):
    for i in range(0, len(data), size):
        chunk = data[i:i + size]
        yield sum(chunk) / (len(chunk) - 1)


for mean in batches([1, 2, 3, 4, 5], 2):
    print(mean)
