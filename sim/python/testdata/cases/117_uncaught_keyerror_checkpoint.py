# The classic: a checkpoint without the key the code expects.
checkpoint = {"model_state_dict": {}, "epoch": 4}
print(sorted(checkpoint))
optimizer_state = checkpoint["optimizer_state_dict"]
