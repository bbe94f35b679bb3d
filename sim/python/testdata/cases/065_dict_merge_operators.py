# The | and |= operators on dicts.
defaults = {"lr": 0.01, "epochs": 10}
overrides = {"epochs": 3, "seed": 1}
print(defaults | overrides)
print(overrides | defaults)
config = dict(defaults)
config |= overrides
print(config, defaults)
config |= [("extra", True)]
print(config)
