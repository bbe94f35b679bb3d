# A base class that requires subclasses to override a method.
class Saver:
    def save(self, obj):
        raise NotImplementedError(f"{type(self).__name__} must implement save()")

    def save_all(self, objs):
        return [self.save(o) for o in objs]


class ListSaver(Saver):
    def __init__(self):
        self.saved = []

    def save(self, obj):
        self.saved.append(obj)
        return len(self.saved)


print(ListSaver().save_all(["a", "b"]))
try:
    Saver().save_all([1])
except NotImplementedError as e:
    print("NotImplementedError:", e)
print(issubclass(NotImplementedError, RuntimeError))
