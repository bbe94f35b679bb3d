import matplotlib.pyplot as plt
for size in [(-1, 2), [3, -0.5], (float("inf"), 2), (1, float("nan"))]:
    try:
        plt.figure(figsize=size)
    except ValueError as e:
        print("ValueError:", e)
fig, ax = plt.subplots(figsize=(-1, 2))
