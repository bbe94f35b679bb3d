# An exception raised inside a method.
class Trainer:
    def __init__(self, epochs):
        self.epochs = epochs
        self.history = []

    def step(self, loss):
        self.history.append(loss)
        return self.history[-1] / self.history[-2]

    def run(self):
        for loss in [1.0, 0.5]:
            print(self.step(loss))


Trainer(2).run()
