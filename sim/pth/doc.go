// Package pth reads and writes PyTorch checkpoint files (what torch.save writes
// and torch.load reads) and safetensors files, without Python.
//
// A checkpoint is a zip archive whose data.pkl record is a pickle (protocol 2)
// of an object tree, and whose data/N records hold the raw bytes of tensor
// storages. Loading a pickle normally runs code named by the file, so this
// package never does: it decodes the pickle with an allow-list unpickler that
// mirrors torch/_weights_only_unpickler.py of PyTorch 2.6 and builds a plain
// value tree (see Value). Classes the allow-list does not know come back as
// Object nodes (only when ReadOptions.WeightsOnly is false) for the caller to
// rebuild if, and only if, it knows the class itself.
//
// The package knows nothing of the simulator's language or tensors: sim/torch
// converts its objects to a Value tree and calls Write, and converts the tree
// Read returns back into its objects. Errors are typed (*UnpicklingError,
// *FormatError, *DeviceError) and carry PyTorch's own message text, so the
// caller can raise the matching Python exception.
//
// Write produces the records and byte layout PyTorch 2.6 writes: every record
// stored uncompressed under one top-level folder, data aligned to 64 bytes
// through the local header's extra field, data descriptors, and a zip64 end of
// central directory, as miniz does inside PyTorch.
//
// The API in brief:
//
//	Write(w, ArchiveName(path), v)            torch.save
//	Read(r, size, DefaultReadOptions())       torch.load (weights_only=True)
//	Entries(r, size), Records(r, size)        list a checkpoint without its data
//	UnsafeGlobals(r, size, safe)              torch.serialization.get_unsafe_globals_in_checkpoint
//	WriteSafetensors, ReadSafetensors,
//	ReadSafetensorsHeader                     safetensors save_file, load_file, safe_open
//	PythonException(err)                      the exception class and message to raise
//	Arena, ReadOptions.Arena                  build a tree's nodes in reusable blocks
//
// Files real PyTorch wrote, with what PyTorch loaded from them, live in
// testdata/torch (testdata/gen.py records them); BENCHMARKS.md compares speed.
//
// Where the simulator knowingly differs from PyTorch:
//   - with weights_only=False PyTorch calls any function a pickle names; this
//     package never does, and refuses a REDUCE of anything outside the
//     allow-list with the weights-only error (numpy arrays inside a whole
//     pickled object, for instance, are refused rather than rebuilt);
//   - reference cycles, nesting past 1000 levels, tuple sharing that
//     expands past 50 million values, and integers over 8 KiB are refused;
//   - dtypes the simulator lacks (uint16, float8, quantized) are refused by name;
//   - data.pkl matches CPython's pickler byte for byte for every checkpoint
//     recorded in testdata; CPython memoizes strings by object identity, this
//     package by value (with torch.save's own identities for storage keys and
//     device types), so other trees may differ in memo use, never in value.
package pth
