# Learning-rate schedules in plain Python: powers and cosines printed in
# full, as a scheduler's state_dict would show them.
import math

base_lr = 0.1
print([base_lr * 0.95 ** epoch for epoch in range(0, 30, 5)])
print([base_lr * 0.5 ** (epoch // 10) for epoch in range(0, 40, 10)])
T = 50
print([0.001 + 0.5 * (base_lr - 0.001) * (1 + math.cos(math.pi * t / T)) for t in range(0, T + 1, 10)])
warmup = 5
print([base_lr * min(1.0, (step + 1) / warmup) for step in range(7)])
ema, beta = 0.0, 0.9
for loss in [2.0, 1.5, 1.2, 1.0, 0.9]:
    ema = beta * ema + (1 - beta) * loss
print(ema, ema / (1 - beta ** 5))
print(1.1 ** 2, 1.5 ** 2.5, 2 ** 0.5, 10 ** 0.1, 0.9 ** 100, 1.0001 ** 10000)
print(math.exp(-1.5), math.log(0.3), math.pow(3.0, 0.75))
