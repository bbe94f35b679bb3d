# A traceback through three learner frames.
def read_config(cfg):
    return cfg["lr"]


def make_optimizer(cfg):
    lr = read_config(cfg)
    return ("SGD", lr)


def main():
    print(make_optimizer({"lr": 0.1}))
    return make_optimizer({"learning_rate": 0.1})


main()
