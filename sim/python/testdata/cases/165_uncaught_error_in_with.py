# An exception inside a with block still runs __exit__ first.
class Section:
    def __enter__(self):
        print("enter")
        return self

    def __exit__(self, exc_type, exc, tb):
        print("exit with", exc_type.__name__)


with Section():
    print("working")
    result = [1, 2][5]
