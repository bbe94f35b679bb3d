# An exception class with its own __str__, uncaught.
class ConfigError(Exception):
    def __init__(self, key, value):
        super().__init__(key, value)
        self.key = key
        self.value = value

    def __str__(self):
        return f"bad value {self.value!r} for {self.key}"


try:
    raise ConfigError("lr", -1)
except ConfigError as e:
    print(e, "|", repr(e))
raise ConfigError("epochs", "ten")
