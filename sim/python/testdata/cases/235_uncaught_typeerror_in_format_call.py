# A TypeError from calling a method with the wrong argument type.
path = "checkpoints/epoch_"
epoch = 7
print(path + str(epoch))
print(path.endswith(7))
