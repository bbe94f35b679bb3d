# A bare raise keeps the original traceback.
def parse_epoch(text):
    try:
        return int(text)
    except ValueError:
        print("bad epoch:", text)
        raise


parse_epoch("3")
parse_epoch("three")
