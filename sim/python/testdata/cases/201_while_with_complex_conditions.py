# while loops with compound conditions and early exits.
patience, bad_epochs = 3, 0
losses = [1.0, 0.8, 0.81, 0.82, 0.79, 0.80, 0.85, 0.9]
best = float("inf")
epoch = 0
while epoch < len(losses) and bad_epochs < patience:
    loss = losses[epoch]
    if loss < best:
        best, bad_epochs = loss, 0
    else:
        bad_epochs += 1
    epoch += 1
print("stopped at epoch", epoch, "best", best, "bad", bad_epochs)
