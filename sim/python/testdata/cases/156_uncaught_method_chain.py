# An error several method calls deep, through two classes.
class Store:
    def __init__(self):
        self.files = {}

    def read(self, name):
        return self.files[name]


class Loader:
    def __init__(self, store):
        self.store = store

    def load(self, name):
        raw = self.store.read(name)
        return raw.decode()


loader = Loader(Store())
text = loader.load("last.pt")
