// Package torch is the simulator's PyTorch: it registers the modules torch,
// torch.nn, torch.nn.functional, torch.nn.init, torch.optim,
// torch.optim.lr_scheduler, torch.cuda, torch.random, torch.serialization,
// torch.autograd, safetensors and safetensors.torch with the language
// (sim/python), so that learners' programs print what PyTorch 2.6 prints.
//
// The numbers come from sim/torch/tensor (the engine: storage, kernels in
// PyTorch's CPU order, autograd, nn and optimizer math), the random draws
// from sim/torch/rng, the printing from sim/torch/tensorfmt and the files
// from sim/pth. This package is the binding: Python classes and functions,
// argument parsing, PyTorch's error texts, and per-run state.
//
// Loading the package is all it takes (sim does it); there is nothing to
// call. Values other Go packages may meet in a run:
//
//	*Tensor      a torch.Tensor or nn.Parameter (T is the engine tensor)
//	*Module      an nn.Module, built-in or a learner's subclass
//	*Optimizer   a torch.optim optimizer
//	*Scheduler   an lr_scheduler
//	*Size, *DType, *Device
//
// Per-run state (grad mode, memory budget, RNG, print options) lives in one
// runtime per run, found through the run's workspace, so the threads that
// replay a lesson's earlier blocks share it and concurrent runs share
// nothing. Every tensor's storage is charged to the run's memory budget;
// a request beyond it fails with PyTorch's allocator error.
//
// The conformance test runs testdata/cases (recorded from the oracle),
// testdata/properties and, when present, ../shared/fidelity/cases.
package torch
