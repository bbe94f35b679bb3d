# Catching several exception types, binding the exception.
def risky(kind):
    if kind == "key":
        return {}["k"]
    if kind == "index":
        return [][1]
    if kind == "type":
        return 1 + "a"
    return "ok"


for kind in ["key", "index", "type", "none"]:
    try:
        print(risky(kind))
    except (KeyError, IndexError) as e:
        print("lookup failed:", type(e).__name__, e)
    except TypeError as e:
        print("type problem:", e)
try:
    pass
except Exception as e:
    pass
e = "still here"
print(e)
try:
    raise ValueError("x")
except ValueError as err:
    pass
try:
    print(err)
except NameError as ne:
    print("NameError:", ne)
