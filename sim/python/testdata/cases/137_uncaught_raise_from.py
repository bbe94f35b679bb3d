# raise ... from ...: "The above exception was the direct cause".
class CheckpointError(Exception):
    pass


def load(state):
    try:
        return state["model"]
    except KeyError as e:
        raise CheckpointError("checkpoint has no model weights") from e


load({"optimizer": {}})
