# print writes each argument as soon as it has its text: what a __repr__
# prints comes out in the middle of the line, and an argument whose repr
# fails leaves the ones before it written.
class Loud:
    def __repr__(self):
        print('inner', 1, sep='-')
        return 'loud'


class Broken:
    def __repr__(self):
        raise ValueError('no repr')


print('a', Loud(), [Loud()], sep=', ', end='!\n')
print('x' * 10, 'y' * 10)
try:
    print('before', Broken(), 'after')
except ValueError as e:
    print('| caught:', e)
try:
    print(1, 2, 10 ** 5000)
except ValueError as e:
    print('| caught:', str(e)[:40])
print('done')
