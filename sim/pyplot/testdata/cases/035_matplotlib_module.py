import matplotlib
import matplotlib.pyplot as plt
from matplotlib import pyplot
print(pyplot is plt)
print(matplotlib.pyplot is plt)
print(matplotlib.use("Agg"), matplotlib.use("agg", force=True))
print(plt.__name__)
