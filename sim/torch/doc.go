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
// testdata/properties, testdata/regressions and, when present,
// ../shared/fidelity/cases.
//
// Where PyTorch 2.6 (the target) and the 1.13 oracle differ, this package
// follows 2.6: torch.__version__, SGD's default lr and the 'fused' group
// key, item() on several elements ("a Tensor with 2 elements cannot be
// converted to Scalar"), dtype mismatch texts of mm and linear, reshape's
// grad_fn (ViewBackward0) and norm's (LinalgVectorNormBackward0),
// load_state_dict(assign=True), Adam's exp_avg.lerp_.
//
// Known limits: values live in float64 storage, so int64 elements beyond
// 2^53 lose precision; float32 exp, log and tanh follow SLEEF bit for bit
// but sin, cos, non-special pow and float64 transcendentals use Go's math;
// sums follow the AVX2 kernels' order; one advanced index per subscript;
// no ReduceLROnPlateau, RMSprop, convolution or LayerNorm; the DataLoader
// runs in one process.
package torch
