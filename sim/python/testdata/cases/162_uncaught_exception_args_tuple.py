# An exception with several arguments prints its args tuple.
raise KeyError("model", "optimizer")
