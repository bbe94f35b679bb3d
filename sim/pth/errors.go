package pth

import (
	"errors"
	"fmt"
	"regexp"
)

// UnpicklingError is raised as Python's _pickle.UnpicklingError. Msg is the
// complete text torch.load prints after "_pickle.UnpicklingError: ".
type UnpicklingError struct {
	Msg string
	// Global is the dotted name of the refused global ("posix.system"), or "".
	Global string
	// Inner is the weights-only unpickler's own message before torch.load
	// wraps it ("Unsupported global: GLOBAL ..."), or "" when not wrapped.
	Inner string
}

func (e *UnpicklingError) Error() string { return e.Msg }

// FormatError is a file the reader cannot use: not a checkpoint, truncated,
// corrupt, over a limit, or a format the simulator refuses (legacy, TorchScript).
// Exception is the Python exception class to raise, "RuntimeError" unless set.
type FormatError struct {
	Exception string
	Msg       string

	torchScript bool // the file is a TorchScript archive
}

func (e *FormatError) Error() string { return e.Msg }

// ExceptionName is the Python exception class for e.
func (e *FormatError) ExceptionName() string {
	if e.Exception == "" {
		return "RuntimeError"
	}
	return e.Exception
}

// DeviceError is PyTorch's RuntimeError for a storage saved on a device this
// machine lacks (a CUDA checkpoint loaded without map_location).
type DeviceError struct {
	Location string
	Msg      string
}

func (e *DeviceError) Error() string { return e.Msg }

func formatErrorf(format string, args ...any) *FormatError {
	return &FormatError{Msg: fmt.Sprintf(format, args...)}
}

// unsafeMessage is torch.serialization.UNSAFE_MESSAGE of PyTorch 2.6.
const unsafeMessage = "In PyTorch 2.6, we changed the default value of the `weights_only` argument in `torch.load` " +
	"from `False` to `True`. Re-running `torch.load` with `weights_only` set to `False` will likely succeed, " +
	"but it can result in arbitrary code execution. Do it only if you got the file from a " +
	"trusted source."

const docsMessage = "\n\nCheck the documentation of torch.load to learn more about types accepted by default with " +
	"weights_only https://pytorch.org/docs/stable/generated/torch.load.html."

var (
	unsafeGlobalPattern = regexp.MustCompile(`GLOBAL (\S+) was not an allowed global by default.`)
	blocklistPattern    = regexp.MustCompile(`whose module (\S+) is blocked`)
	importPattern       = regexp.MustCompile(`(\S+) must be (\S+) to load`)
)

// weightsOnlyMessage is torch.load's _get_wo_message of PyTorch 2.6: how it
// rewords an error of the weights-only unpickler.
func weightsOnlyMessage(message string) string {
	if unsafeGlobalPattern.MatchString(message) {
		return "Weights only load failed. This file can still be loaded, to do so you have two options, " +
			"\033[1mdo those steps only if you trust the source of the checkpoint\033[0m. " +
			"\n\t(1) " + unsafeMessage + "\n\t(2) Alternatively, to load with `weights_only=True` please check " +
			"the recommended steps in the following error message.\n\tWeightsUnpickler error: " +
			message + docsMessage
	}
	if importPattern.MatchString(message) {
		return "Weights only load failed. " + message
	}
	updated := "Weights only load failed. " + unsafeMessage + "\n"
	if !blocklistPattern.MatchString(message) {
		updated += "Please file an issue with the following so that we can make " +
			"`weights_only=True` compatible with your use case: WeightsUnpickler error: "
	}
	return updated + message + docsMessage
}

// weightsOnlyError wraps an unpickler message the way torch.load does.
func weightsOnlyError(global, inner string) *UnpicklingError {
	return &UnpicklingError{Msg: weightsOnlyMessage(inner), Global: global, Inner: inner}
}

// cudaUnavailable is torch.serialization._validate_device's message on a
// machine without CUDA, which the simulator always is.
func cudaUnavailable(location string) *DeviceError {
	return &DeviceError{Location: location, Msg: "Attempting to deserialize object on a CUDA " +
		"device but torch.cuda.is_available() is False. " +
		"If you are running on a CPU-only machine, " +
		"please use torch.load with map_location=torch.device('cpu') " +
		"to map your storages to the CPU."}
}

// PythonException names the Python exception a Read, Entries or Write error
// should raise and its message, as a traceback's last line prints them
// ("_pickle.UnpicklingError", "Weights only load failed. ..."). Errors of
// other kinds (I/O) map to RuntimeError with their text.
func PythonException(err error) (class, msg string) {
	var ue *UnpicklingError
	var fe *FormatError
	var de *DeviceError
	switch {
	case errors.As(err, &ue):
		return "_pickle.UnpicklingError", ue.Msg
	case errors.As(err, &fe):
		return fe.ExceptionName(), fe.Msg
	case errors.As(err, &de):
		return "RuntimeError", de.Msg
	}
	return "RuntimeError", err.Error()
}
