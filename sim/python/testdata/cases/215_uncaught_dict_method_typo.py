# A misspelled dict method on a checkpoint.
checkpoint = {"model": {}, "epoch": 3}
for key, value in checkpoint.item():
    print(key)
