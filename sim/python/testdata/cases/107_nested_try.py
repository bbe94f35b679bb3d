# Nested try blocks: inner handlers first, then outer.
def step(n):
    try:
        try:
            if n == 0:
                raise KeyError("inner key")
            if n == 1:
                raise ValueError("inner value")
            return "ok"
        except KeyError as e:
            return f"inner caught {e}"
        finally:
            print("inner finally", n)
    except ValueError as e:
        return f"outer caught {e}"


for n in range(3):
    print(step(n))
