# Calling a method on None, a common slip after a function forgets to return.
def build_model():
    model = {"layers": 3}


model = build_model()
model.eval()
