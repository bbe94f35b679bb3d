# Two operators in a row.
x = 1
y = x + * 2
