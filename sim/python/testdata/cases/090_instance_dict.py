# Instance attributes live in __dict__.
class State:
    def __init__(self):
        self.epoch = 0
        self.best = None


s = State()
print(s.__dict__, vars(s) is s.__dict__)
s.__dict__["extra"] = [1]
print(s.extra)
s.epoch += 1
print(vars(s))
print(sorted(k for k in dir(s) if not k.startswith("_")))
