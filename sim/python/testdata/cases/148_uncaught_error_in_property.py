# An exception raised inside a property getter.
class Run:
    def __init__(self, losses):
        self.losses = losses

    @property
    def mean_loss(self):
        return sum(self.losses) / len(self.losses)


print(Run([1.0, 2.0]).mean_loss)
print(Run([]).mean_loss)
