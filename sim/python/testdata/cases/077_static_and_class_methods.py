# @staticmethod and @classmethod.
class Checkpoint:
    count = 0

    def __init__(self, path):
        self.path = path
        Checkpoint.count += 1

    @classmethod
    def from_epoch(cls, epoch):
        return cls(f"ckpt_{epoch:03d}.pt")

    @staticmethod
    def is_checkpoint(name):
        return name.endswith(".pt")

    def __repr__(self):
        return f"{type(self).__name__}({self.path!r})"


class BestCheckpoint(Checkpoint):
    pass


print(Checkpoint.from_epoch(7))
print(BestCheckpoint.from_epoch(12))
print(Checkpoint.is_checkpoint("a.pt"), Checkpoint("x").is_checkpoint("notes.txt"))
print(Checkpoint.count)
