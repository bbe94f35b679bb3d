import torch
print(torch.zeros(2).to('cuda'))
