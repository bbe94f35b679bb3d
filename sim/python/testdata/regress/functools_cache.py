from functools import lru_cache, cache
@lru_cache(maxsize=None)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
@cache
def sq(x):
    print("computing", x)
    return x * x
print(fib(80), sq(3), sq(3))
