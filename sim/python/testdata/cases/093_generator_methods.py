# Methods that are generators.
class Trainer:
    def __init__(self, epochs):
        self.epochs = epochs

    def run(self):
        loss = 1.0
        for epoch in range(1, self.epochs + 1):
            loss *= 0.5
            yield epoch, loss

    def __iter__(self):
        return self.run()


t = Trainer(3)
for epoch, loss in t:
    print(f"epoch {epoch}: {loss}")
print(list(t.run()))
print(dict(Trainer(2)))
