# time: only properties that hold on every run are printed.
import time

start = time.time()
time.sleep(0.01)
elapsed = time.time() - start
print(type(start).__name__, elapsed >= 0.0)
t0 = time.perf_counter()
t1 = time.perf_counter()
print(t1 >= t0, isinstance(time.monotonic(), float))
