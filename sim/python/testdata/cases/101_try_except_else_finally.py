# The order try, except, else and finally run in.
def attempt(x):
    try:
        print("try", x)
        result = 10 / x
    except ZeroDivisionError:
        print("except")
        return "failed"
    else:
        print("else", result)
        return result
    finally:
        print("finally")


print(attempt(2))
print(attempt(0))
