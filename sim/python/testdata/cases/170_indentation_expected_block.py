# A body that is not indented.
def train():
return 1
