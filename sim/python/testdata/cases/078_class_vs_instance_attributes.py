# Class attributes are shared until an instance shadows them.
class Config:
    device = "cpu"
    tags = []

    def __init__(self, name):
        self.name = name


a = Config("a")
b = Config("b")
a.device = "cuda"
print(a.device, b.device, Config.device)
a.tags.append("shared!")
print(b.tags, Config.tags)
Config.device = "mps"
print(a.device, b.device)
print(sorted(vars(a)), sorted(vars(b)))
del a.device
print(a.device)
