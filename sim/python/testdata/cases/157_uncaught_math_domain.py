# A math domain error.
import math

variance = -0.25
std = math.sqrt(variance)
