# A format spec that does not fit the value, uncaught.
loss = 0.25
print(format(loss, ".3f"))
print(format(loss, "d"))
