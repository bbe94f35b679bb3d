# A bare raise re-raises the exception being handled.
def parse(s):
    try:
        return int(s)
    except ValueError:
        print("logging bad input:", repr(s))
        raise


print(parse("12"))
try:
    parse("twelve")
except ValueError as e:
    print("caller saw:", e)
try:
    try:
        {}["a"]
    except KeyError as e:
        err = e
        raise
except KeyError as e2:
    print(e2 is err)
