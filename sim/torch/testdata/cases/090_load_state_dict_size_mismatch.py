import torch.nn as nn
small = nn.Linear(2, 1)
big = nn.Linear(3, 1)
small.load_state_dict(big.state_dict())
