package main

// server run executes programs on the language directly; loading the torch
// package registers its modules (torch, torch.nn, torch.optim, ...).
import _ "github.com/ckptlab/ckptlab/sim/torch"
