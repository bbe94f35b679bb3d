# Statements over several lines: brackets, backslashes, trailing commas.
total = 1 + \
    2 + \
    3
print(total)
config = {
    "lr": 0.01,
    "epochs": 10,
    "layers": [
        64,
        32,
    ],
}
print(config)
result = sum(
    x * x
    for x in range(4)
)
print(result)
if (total > 5 and
        config["lr"] < 1):
    print("both")
names = ["a",
         "b"]; print(names); x = 1; print(x)
def one_liner(): return "defined on one line"
print(one_liner())
