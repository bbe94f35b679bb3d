# A missing colon after an if condition.
epoch = 3
if epoch > 2
    print("late")
