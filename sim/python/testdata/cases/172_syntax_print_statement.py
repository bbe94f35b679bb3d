# Python 2 print statement.
loss = 0.5
print "loss", loss
