import torch
import torch.nn as nn
from torch.nn.modules.utils import consume_prefix_in_state_dict_if_present
torch.manual_seed(0)
model = nn.Linear(2, 1)
wrapper = nn.DataParallel(model)
print(wrapper)
print(list(wrapper.state_dict().keys()))
print(wrapper(torch.ones(1, 2)))
sd = wrapper.state_dict()
consume_prefix_in_state_dict_if_present(sd, "module.")
print(list(sd.keys()), sd._metadata)
print(nn.Linear(2, 1).load_state_dict(sd))
print(wrapper.module is model)
