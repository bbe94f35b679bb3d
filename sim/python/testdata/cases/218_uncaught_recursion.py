# Unbounded recursion: CPython stops at 1000 frames (the module's frame
# counts) and folds the repeated lines. 3.12 counts Python frames the same
# way as 3.11 here, so the repeat count is the same.
def countdown(n):
    return countdown(n - 1)


print("start")
countdown(10)
