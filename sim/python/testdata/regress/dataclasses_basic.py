from dataclasses import dataclass, field, asdict, replace
from typing import List

@dataclass
class Config:
    lr: float
    epochs: int = 10
    tags: List[str] = field(default_factory=list)
    name: str = "run"

c = Config(0.1)
d = Config(lr=0.1, epochs=10)
print(c, c == d, asdict(c))
c.tags.append("a")
print(c.tags, d.tags, replace(c, epochs=3))

@dataclass(frozen=True)
class Point:
    x: int
    y: int = 0

p = Point(1)
print(p, p.x)
try:
    p.x = 5
except AttributeError as e:
    print(type(e).__name__, e)
try:
    Config()
except TypeError as e:
    print(e)

@dataclass
class Child(Config):
    seed: int = 0

print(Child(0.5, seed=3))
