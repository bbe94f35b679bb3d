# Syntax errors are reported before anything runs.
print("this line never runs")
for i in range(3)
    print(i)
