// Package python is the simulator's language: a sandboxed subset of
// Python 3.12 that runs learners' snippets and fails exactly as CPython
// does (same exception types, messages and tracebacks with caret lines).
//
// It follows go.starlark.net's structure: a scanner and parser build an
// AST with line and column spans on every node (scanner.go, parser.go,
// ast.go); a resolver decides every name's scope before running
// (resolve.go: locals live in frame slots, captured variables in cells);
// an evaluator walks the tree over small Go values behind one Value
// interface (eval.go, expr.go). Tracebacks are data (entries added as an
// exception unwinds) printed late by FormatError.
//
// # Values
//
// Every Python value implements Value (Type() *Class). Builtin values are
// plain Go types: None, Bool, Int (int64) and *BigInt, Float, Str, Bytes,
// Tuple, *List, *Dict, *Set, *Range. Everything a value can do is found
// through its class, as in CPython: a *Class holds attributes (methods,
// properties, class variables) looked up along its MRO, plus optional Go
// hooks (New, GetAttrHook, SetAttrHook, DelAttrHook). Operators, len,
// iteration, repr, hashing, calling and the context-manager protocol all
// dispatch to dunder methods found on the class (__add__/__radd__,
// __getitem__, __len__, __iter__/__next__, __repr__/__str__, __eq__,
// __hash__, __bool__, __call__, __enter__/__exit__, __neg__, __abs__, ...),
// whether those are Go functions (SetMethod) or learner code.
//
// The generic operations are exported for Go modules: GetAttr, SetAttr,
// SetAttrDefault, DelAttr, HasAttr, Call, CallMethod, Repr, ToStr, Format,
// Truth, Len, Hash, Equal, Compare, Binary, Unary, GetItem, SetItem,
// DelItem, Contains, Iter, Next, Iterate, ToSlice, DeepCopy, ShallowCopy.
//
// # Extending the language from Go (how sim/torch plugs in)
//
// A Go package registers importable modules from an init function. The
// init runs once per run that imports the module, on a fresh *Module, so no
// state leaks between runs; classes are built once and frozen (learner code
// cannot modify them). Importing "torch.nn" imports "torch" first, and
// loading a module also loads its registered submodules, so
// "import torch" then "torch.nn.Linear", "import torch.nn as nn" and
// "from torch import nn" all work.
//
//	var TensorClass = python.NewClass("Tensor") // module-level: built once
//
//	type Tensor struct {
//		python.Object // optional: gives a __dict__ and a settable class (subclassing)
//		data []float32
//	}
//
//	func init() {
//		TensorClass.Module = "torch"
//		TensorClass.SetMethod("__repr__", func(t *python.Thread, self python.Value, args python.Args) (python.Value, error) {
//			return python.Str("tensor(...)"), nil
//		})
//		TensorClass.SetMethod("sum", func(t *python.Thread, self python.Value, args python.Args) (python.Value, error) {
//			var dim python.Value = python.None
//			keep := false
//			if err := python.UnpackArgs("sum", args, "dim?", &dim, "*", "keepdim?", &keep); err != nil {
//				return nil, err // CPython's TypeError texts
//			}
//			...
//		})
//		TensorClass.SetMethod("__add__", ...)   // and __radd__, __matmul__, __getitem__, __len__, __iter__, __hash__, __bool__ ...
//		TensorClass.SetProperty("shape", getShape, nil) // nil setter: read-only
//		TensorClass.Freeze()
//
//		python.RegisterModule("torch", func(t *python.Thread, m *python.Module) error {
//			m.Set("Tensor", TensorClass)
//			m.SetFunc("zeros", func(t *python.Thread, args python.Args) (python.Value, error) {
//				if err := t.Alloc(4 * n); err != nil { // counts against the run's memory budget
//					return nil, err // MemoryError
//				}
//				...
//			})
//			return nil
//		})
//		python.RegisterModule("torch.nn", initNN)
//	}
//
// Classes learner code subclasses (class Net(nn.Module)) are Go classes
// whose instances embed python.Object: the class's New hook receives the
// actual subclass and must call obj.Object.Init(cls). Then:
//   - super().__init__() finds the Go "__init__" method (SetMethod) and calls
//     it with the learner's instance;
//   - Go code calls learner methods with python.CallMethod(t, self,
//     "forward", args) (Module.__call__ calling self.forward);
//   - SetAttrHook sees every "self.fc1 = nn.Linear(...)" (register the
//     submodule, or fall back to python.SetAttrDefault); GetAttrHook runs
//     when normal lookup fails (parameters and submodules);
//   - a Go "__repr__" is inherited by learner subclasses; learner overrides
//     win because lookup walks the MRO;
//   - isinstance/issubclass work across Go and learner classes (one MRO).
//
// Calling Python from Go: t.Call(fn, python.PosArgs(x)) or python.Call with
// python.Args{Pos: ..., Kw: []python.Kwarg{{Name: "lr", Value: v}}} — for
// LambdaLR lambdas, hooks and learner functions.
//
// Raising exceptions from Go: return an *Exception as the error:
//
//	return nil, python.Errorf(python.RuntimeErrorClass, "Error(s) in loading state_dict for %s:\n\t...", name)
//	return nil, python.KeyError(python.Str("optimizer"))   // KeyError: 'optimizer'
//	return nil, python.FileNotFound("model.pt")              // [Errno 2] No such file or directory: 'model.pt'
//	return nil, python.NewException(python.MemoryErrorClass)
//
// Every builtin exception class is exported as XxxClass. Go code never
// appears in tracebacks: only learner frames are recorded, and an error from
// a Go function is reported at the learner's call expression.
//
// Other hooks a Go type may provide:
//   - implement Iterator (Next(t) (Value, bool, error)) to be iterable
//     without a __next__ method;
//   - define "__deepcopy__" (memo dict as argument) for copy.deepcopy, or
//     "__copy__" for copy.copy (DeepCopy/ShallowCopy call them);
//   - define "__fspath__" to be accepted as a path (FSPath, os, open);
//   - implement DirNames(t *Thread) []string to add attribute names that
//     "Did you mean" suggestions consider (registered parameters, say).
//
// Per-run state: t.Workspace() is the run's files (ReadFile, WriteFile,
// Exists, Remove, Rename, List) for torch.save/torch.load; t.SetLocal /
// t.Local keep module state per run (an RNG, an event recorder); t.Line()
// is the learner source line being executed, for recorders. t.Write and
// t.WriteErr print (subject to the output cap).
//
// # Running a program
//
//	t := python.NewThread(ctx, stdout, stderr, python.NewWorkspace(files), python.Limits{})
//	err := t.Exec(python.NewMainModule(), src)
//	t.Close()
//	if err != nil {
//		io.WriteString(stderr, python.FormatError(t, err)) // exactly CPython's stderr
//	}
//
// Limits: a step budget and the context's deadline stop the run with a
// *LimitError (not catchable by learner code); the memory budget raises
// MemoryError; call depth past 1000 raises RecursionError; output past the
// cap is cut with OutputMarker. A Go panic inside the interpreter is
// recovered and returned as *InternalError.
package python
