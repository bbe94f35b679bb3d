package pth

import (
	"encoding/binary"
	"fmt"
	"io"
	"sort"
)

// UnsafeGlobals is torch.serialization.get_unsafe_globals_in_checkpoint of
// PyTorch 2.6: the globals data.pkl names that the weights-only allow-list
// (plus safe, the add_safe_globals names) does not cover, found by scanning
// the opcodes without building or running anything. PyTorch returns them in
// set order; they come back sorted here.
func UnsafeGlobals(r io.ReaderAt, size int64, safe []string) ([]string, error) {
	var magic [4]byte
	if size < 4 {
		return nil, notCheckpoint()
	}
	if _, err := r.ReadAt(magic[:], 0); err != nil || string(magic[:]) != "PK\x03\x04" {
		return nil, notCheckpoint()
	}
	a, err := openArchive(r, size, false)
	if err != nil {
		if fe, ok := err.(*FormatError); ok && fe.torchScript {
			return nil, &FormatError{Exception: "ValueError", Msg: "Expected input to be a checkpoint returned by torch.save but got a torchscript checkpoint"}
		}
		return nil, err
	}
	var opts ReadOptions
	_, maxPickle, _ := opts.limits()
	pkl, err := a.record("data.pkl", maxPickle)
	if err != nil {
		return nil, err
	}
	found, err := globalsInPickle(pkl)
	if err != nil {
		return nil, err
	}
	allowed := setOf(safe)
	var out []string
	for g := range found {
		if !allowedGlobals[g] && !allowed[g] {
			out = append(out, g)
		}
	}
	sort.Strings(out)
	return out, nil
}

func notCheckpoint() error {
	return &FormatError{Exception: "ValueError", Msg: "Expected input to be a checkpoint returned by torch.save"}
}

// scanArgBytes is get_globals_in_pkl's table: opcodes and the fixed number of
// argument bytes each is followed by.
var scanArgBytes = map[byte]int{
	opNewObj: 0, opReduce: 0, opBuild: 0, opAppend: 0, opAppends: 0, opSetItem: 0,
	opSetItems: 0, opMark: 0, opTuple: 0, opTuple1: 0, opTuple2: 0, opTuple3: 0,
	opNone: 0, opNewFalse: 0, opNewTrue: 0, opEmptyTuple: 0, opEmptyList: 0,
	opEmptyDict: 0, opEmptySet: 0, opBinPersID: 0, opBinInt: 4, opBinInt1: 1,
	opBinInt2: 2, opBinFloat: 8, opBinGet: 1, opLongBinGet: 4, opBinPut: 1, opLongBinPut: 4,
}

// globalsInPickle is get_globals_in_pkl: every GLOBAL's dotted name, after
// the Python 2 name mappings.
func globalsInPickle(data []byte) (map[string]bool, error) {
	found := map[string]bool{}
	u := &unpickler{data: data}
	for {
		if u.pos >= len(u.data) {
			return nil, &FormatError{Exception: "EOFError"}
		}
		op := u.data[u.pos]
		u.pos++
		if n, ok := scanArgBytes[op]; ok {
			if _, err := u.read(n); err != nil {
				return nil, err
			}
			continue
		}
		switch op {
		case opGlobal:
			module, err := u.readline()
			if err != nil {
				return nil, err
			}
			name, err := u.readline()
			if err != nil {
				return nil, err
			}
			module, name = mapGlobal(module, name)
			found[module+"."+name] = true
		case opBinUnicode:
			b, err := u.read(4)
			if err != nil {
				return nil, err
			}
			if _, err := u.read(int(binary.LittleEndian.Uint32(b))); err != nil {
				return nil, err
			}
		case opShortBinStr, opLong1:
			b, err := u.read(1)
			if err != nil {
				return nil, err
			}
			if _, err := u.read(int(b[0])); err != nil {
				return nil, err
			}
		case opProto:
			if _, err := u.read(1); err != nil {
				return nil, err
			}
		case opStop:
			return found, nil
		default:
			return nil, &UnpicklingError{Msg: fmt.Sprintf("Unsupported operand %d", op)}
		}
	}
}
