import os, shutil
os.makedirs("ckpt/old", exist_ok=True)
with open("ckpt/latest.pt", "w") as f:
    f.write("weights")
print(shutil.copy("ckpt/latest.pt", "ckpt/old"), shutil.copyfile("ckpt/latest.pt", "best.pt"))
print(shutil.move("best.pt", "ckpt"), sorted(os.listdir("ckpt")), sorted(os.listdir("ckpt/old")))
shutil.rmtree("ckpt/old")
print(sorted(os.listdir("ckpt")), os.path.exists("ckpt/old"))
shutil.rmtree("nope", ignore_errors=True)
try:
    shutil.rmtree("nope")
except FileNotFoundError as e:
    print(type(e).__name__, e.filename)
