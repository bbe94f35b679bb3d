# The random module with a seed gives the same numbers every run.
import random

random.seed(42)
print(random.random(), random.random())
print(random.randint(1, 6), random.randint(1, 6), random.randrange(10), random.randrange(0, 100, 5))
items = list(range(10))
random.shuffle(items)
print(items)
print(random.choice(["model", "optimizer", "epoch"]), random.sample(range(100), 5))
print(random.uniform(-1, 1), random.getrandbits(16))
print(random.choices("abc", k=5), random.choices([1, 2, 3], weights=[10, 1, 1], k=4))
random.seed(42)
print(random.random())
random.seed("checkpoint")
print(random.random())
