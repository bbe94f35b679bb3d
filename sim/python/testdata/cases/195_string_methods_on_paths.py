# String methods used on checkpoint file names.
names = ["epoch_010.pt", "epoch_002.pt", "best.pt", "notes.txt", "epoch_100.pt"]
ckpts = [n for n in names if n.endswith(".pt") and n.startswith("epoch_")]
print(ckpts)
epochs = sorted(int(n[len("epoch_"):-len(".pt")]) for n in ckpts)
print(epochs, max(epochs))
latest = f"epoch_{max(epochs):03d}.pt"
print(latest, latest in names)
print([n.split(".")[0].replace("epoch_", "e") for n in ckpts])
print("best.pt".partition(".")[0].upper(), "EPOCH_010.PT".lower())
