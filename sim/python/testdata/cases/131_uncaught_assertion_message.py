# An assert with a message.
expected_keys = {"model", "optimizer", "epoch"}
loaded = {"model": 1, "epoch": 2}
missing = expected_keys - set(loaded)
print("checking")
assert not missing, f"checkpoint is missing {sorted(missing)}"
