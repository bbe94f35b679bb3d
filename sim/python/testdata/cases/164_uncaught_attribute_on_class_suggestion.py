# A misspelled method name on an instance.
class Checkpointer:
    def save(self, path):
        return path

    def restore(self, path):
        return path


c = Checkpointer()
print(c.save("a.pt"))
c.restor("a.pt")
