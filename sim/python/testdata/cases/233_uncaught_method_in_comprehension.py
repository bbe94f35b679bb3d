# A method failing when called from a list comprehension at module level.
class Param:
    def __init__(self, shape):
        self.shape = shape

    def numel(self):
        n = 1
        for d in self.shape:
            n *= d
        return n


params = [Param((2, 3)), Param(None)]
sizes = [p.numel() for p in params]
