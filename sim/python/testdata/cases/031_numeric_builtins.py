# sum, min, max, divmod, pow and friends.
nums = [3, 1, 4, 1, 5, 9, 2, 6]
print(sum(nums), sum(nums, 100), sum([0.5, 0.25]), sum([]))
print(min(nums), max(nums), min("hello"), max([1, 2], [1, 3]))
print(min(nums, key=lambda n: -n), max([], default="empty"), min(4, 2, 8))
print(divmod(7.5, 2), divmod(-7, 2))
print(pow(2, 10), pow(2.0, 3), pow(4, 0.5), pow(2, -1), pow(-2, 3))
print(sorted(nums), sorted(nums, reverse=True))
print(len(nums), sum(x * x for x in nums))
print(max("apple", "pear", "fig", key=len), min(("b", 2), ("a", 3)))
