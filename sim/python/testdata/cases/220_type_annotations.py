# Annotations are accepted and do not change what runs.
from collections import OrderedDict


def train(model: dict, epochs: int = 3, lr: float = 0.1) -> list:
    history: list = []
    for epoch in range(epochs):
        loss: float = lr / (epoch + 1)
        history.append(round(loss, 4))
    return history


count: int = 0
name: str
print(train({}), train({}, 2, lr=1.0))


class Config:
    batch_size: int = 32
    device: str = "cpu"

    def describe(self) -> str:
        return f"{self.batch_size} on {self.device}"


print(Config().describe())
state: "OrderedDict[str, int]" = OrderedDict(a=1)
print(state)
