# Catching by base class: LookupError, ArithmeticError, Exception.
cases = [lambda: {}["k"], lambda: [][0], lambda: 1 / 0, lambda: 2.0 ** 5000, lambda: int("x")]
for case in cases:
    try:
        case()
    except LookupError as e:
        print("LookupError caught", type(e).__name__)
    except ArithmeticError as e:
        print("ArithmeticError caught", type(e).__name__, e)
    except Exception as e:
        print("Exception caught", type(e).__name__)
print([c.__name__ for c in KeyError.__mro__])
print([c.__name__ for c in FileNotFoundError.__mro__])
print(issubclass(ModuleNotFoundError, ImportError), issubclass(UnboundLocalError, NameError))
