# Generators chained into a lazy pipeline.
def read_lines():
    for i in range(1, 8):
        yield f"step={i} loss={1 / i:.3f}"


def parse(lines):
    for line in lines:
        fields = dict(part.split("=") for part in line.split())
        yield int(fields["step"]), float(fields["loss"])


def every(n, pairs):
    for step, loss in pairs:
        if step % n == 0:
            yield step, loss


for step, loss in every(2, parse(read_lines())):
    print(step, loss)
print(sum(loss for _, loss in parse(read_lines())))
