# Output before an error stays in order with the traceback.
for epoch in range(1, 4):
    print(f"epoch {epoch} done")
    if epoch == 3:
        raise RuntimeError(f"training diverged at epoch {epoch}")
