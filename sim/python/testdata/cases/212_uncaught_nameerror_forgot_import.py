# CPython 3.12 reminds the learner to import a standard-library module.
# rewrite-3.12: NameError: name 'math' is not defined => NameError: name 'math' is not defined. Did you forget to import 'math'?
x = 4
print(math.sqrt(x))
