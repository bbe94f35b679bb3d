# Concatenating str and int.
epoch = 5
message = "epoch: " + epoch
