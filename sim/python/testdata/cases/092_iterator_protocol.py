# A class-based iterator with __iter__ and __next__.
class Countdown:
    def __init__(self, start):
        self.current = start

    def __iter__(self):
        return self

    def __next__(self):
        if self.current <= 0:
            raise StopIteration
        self.current -= 1
        return self.current + 1


print(list(Countdown(4)))
it = Countdown(2)
print(next(it), next(it), next(it, "exhausted"))
for n in Countdown(3):
    print("n =", n)
print(sum(Countdown(10)), max(Countdown(5)))
