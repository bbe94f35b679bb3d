# A tiny training loop: one weight, gradient descent, best checkpoint kept.
data = [(x, 3.0 * x + 1.0) for x in range(-3, 4)]
w, b = 0.0, 0.0
lr = 0.05
best = {"loss": float("inf")}
for epoch in range(1, 31):
    gw = gb = loss = 0.0
    for x, y in data:
        err = w * x + b - y
        loss += err * err / len(data)
        gw += 2 * err * x / len(data)
        gb += 2 * err / len(data)
    w -= lr * gw
    b -= lr * gb
    if loss < best["loss"]:
        best = {"epoch": epoch, "loss": loss, "w": w, "b": b}
    if epoch % 10 == 0:
        print(f"epoch {epoch:2d}  loss {loss:.6f}  w {w:.4f}  b {b:.4f}")
print(best["epoch"], round(best["w"], 3), round(best["b"], 3))
