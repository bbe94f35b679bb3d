# __lt__ lets sorted(), min() and max() compare instances.
class Run:
    def __init__(self, name, loss):
        self.name = name
        self.loss = loss

    def __lt__(self, other):
        return self.loss < other.loss

    def __repr__(self):
        return f"Run({self.name}, {self.loss})"


runs = [Run("a", 0.5), Run("b", 0.2), Run("c", 0.9)]
print(sorted(runs))
print(min(runs), max(runs))
print(Run("x", 1) < Run("y", 2), Run("x", 3) > Run("y", 2))
