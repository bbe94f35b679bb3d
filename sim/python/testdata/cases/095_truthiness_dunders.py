# __bool__ and __len__ decide truthiness.
class Empty:
    def __len__(self):
        return 0


class Flag:
    def __init__(self, on):
        self.on = on

    def __bool__(self):
        return self.on


class Plain:
    pass


print(bool(Empty()), bool(Flag(True)), bool(Flag(False)), bool(Plain()))
if not Empty():
    print("empty is falsy")
print([x for x in [Flag(True), Flag(False), Empty(), Plain()] if x].__len__())
print(Flag(False) or "fallback")
