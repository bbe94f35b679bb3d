# A misspelled os function.
import os

os.makedir("runs/exp1")
