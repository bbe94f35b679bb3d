# raise of a builtin exception with a message, from a nested function.
def validate(cfg):
    def check_positive(name):
        if cfg[name] <= 0:
            raise ValueError(f"{name} must be positive, got {cfg[name]}")

    for name in ["lr", "epochs"]:
        check_positive(name)
    return True


print(validate({"lr": 0.1, "epochs": 5}))
validate({"lr": 0.1, "epochs": 0})
