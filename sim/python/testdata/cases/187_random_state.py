# getstate/setstate replay a random sequence; separate Random instances.
# randint's error is reworded by the recorder to CPython 3.12's text.
import random

random.seed(7)
state = random.getstate()
first = [random.randint(0, 100) for _ in range(5)]
random.setstate(state)
second = [random.randint(0, 100) for _ in range(5)]
print(first, second, first == second)
print(state[0], len(state[1]), state[2])
r1 = random.Random(123)
r2 = random.Random(123)
print(r1.random() == r2.random(), r1.randint(1, 1000), r2.randint(1, 1000))
print(random.Random(0).random(), random.Random(2 ** 40).random())
print(round(random.Random(5).gauss(0, 1), 12), round(random.Random(5).normalvariate(10, 2), 12))
try:
    random.randint(10, 1)
except ValueError as e:
    print("ValueError:", e)
try:
    random.choice([])
except IndexError as e:
    print("IndexError:", e)
