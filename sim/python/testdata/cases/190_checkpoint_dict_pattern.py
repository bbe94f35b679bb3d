# The shape of a training checkpoint, built and inspected in pure Python.
def make_checkpoint(epoch, model_state, optimizer_state, loss):
    return {
        "epoch": epoch,
        "model_state_dict": model_state,
        "optimizer_state_dict": optimizer_state,
        "loss": loss,
    }


model_state = {"fc.weight": [[0.5, -0.25]], "fc.bias": [0.125]}
optimizer_state = {"state": {}, "param_groups": [{"lr": 0.01, "momentum": 0.9, "params": [0, 1]}]}
ckpt = make_checkpoint(10, model_state, optimizer_state, 0.0421)
print(list(ckpt))
for key, value in ckpt.items():
    print(f"{key:>22}: {type(value).__name__}")
print(ckpt["optimizer_state_dict"]["param_groups"][0]["lr"])
resumed_epoch = ckpt.get("epoch", 0) + 1
print("resuming at epoch", resumed_epoch)
missing = [k for k in ["model_state_dict", "scheduler_state_dict"] if k not in ckpt]
print("missing:", missing)
print(f"loss {ckpt['loss']:.3f} | {ckpt['loss']:.2e}")
