package sim

// The torch modules (torch, torch.nn, torch.optim, ...) register themselves
// with the language when their package is loaded.
import _ "github.com/ckptlab/ckptlab/sim/torch"
