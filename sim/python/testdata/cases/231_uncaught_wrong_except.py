# An except clause for the wrong type: the exception escapes after finally.
def read(d):
    try:
        return d["epoch"]
    except IndexError:
        print("never")
    finally:
        print("finally still runs")


read({})
