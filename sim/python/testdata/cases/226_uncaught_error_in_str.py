# An exception raised inside __str__ while printing.
class Report:
    def __init__(self, losses):
        self.losses = losses

    def __str__(self):
        best = min(self.losses)
        return f"best loss {best:.3f}"


print(Report([0.5, 0.25]))
print(Report([]))
