import matplotlib.pyplot as plt
def attempt(f):
    try:
        r = f()
        print("ok", r)
    except Exception as e:
        print(type(e).__name__ + ":", e)
attempt(lambda: plt.figure(figsize=[]))
attempt(lambda: plt.figure(figsize=[1]))
attempt(lambda: plt.figure(figsize=(1, 2, 3)))
attempt(lambda: plt.figure(figsize=5))
two = plt.figure(2)
attempt(lambda: plt.figure(num=2.7) is two)
attempt(lambda: plt.figure(num=[1]))
attempt(lambda: plt.figure(num="losses").number)
attempt(lambda: plt.figure("losses").number)
attempt(lambda: plt.close("losses"))
attempt(lambda: plt.figure("losses").number)
for f in ["C", "é", "0", "Cé", "00", "r ", "o "]:
    attempt(lambda: len(plt.plot([1, 2], f)))
attempt(lambda: plt.plot([1, 2], linestyle=(None, (5, 2))))
attempt(lambda: len(plt.plot([1, 2], linestyle=(0, (5, 2)))))
attempt(lambda: plt.scatter([1], [2], [3], "r", "o", None, None, None, None, None, None, 5))
attempt(lambda: plt.subplots(1, 1, 1))
attempt(lambda: plt.figure(foo=1))
