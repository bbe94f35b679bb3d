# Calling a function with a missing argument.
def save_checkpoint(model, optimizer, path):
    return {"model": model, "optimizer": optimizer, "path": path}


print(save_checkpoint("m", "o", "a.pt")["path"])
save_checkpoint("m", "b.pt")
