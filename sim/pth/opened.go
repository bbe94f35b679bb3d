package pth

import "strings"

// Opened is a checkpoint whose archive is open and whose pickle is read,
// for a caller that decodes the pickle itself (torch.load decoding the
// common pickles straight into its own values) and asks for the storages
// the pickle names. Any error of OpenBytes or Storage is one ReadBytes
// would also meet; such a caller gives up on its decoding and reads the
// file with ReadBytes, which raises it with the usual wording.
type Opened struct {
	// Pickle is the archive's data.pkl.
	Pickle []byte
	r      *reader
}

// OpenBytes opens the checkpoint data as ReadBytes does, up to reading
// its pickle. The storages come from opts.Arena (or the reader's own),
// and share the file's bytes with opts.ShareData. Close the result when
// done with it and with every storage it gave.
func OpenBytes(data []byte, opts ReadOptions) (*Opened, error) {
	r1 := readers.Get().(*reader)
	r1.mem = data
	pkl, err := r1.open(&r1.mem, int64(len(data)), opts)
	if err != nil {
		r1.release()
		return nil, err
	}
	r1.opened = Opened{Pickle: pkl, r: r1}
	return &r1.opened, nil
}

// Close pools what o used; o may not be used after.
func (o *Opened) Close() {
	r := o.r
	o.r, o.Pickle = nil, nil
	r.release()
}

// Storage is the storage of the persistent id ('storage', <class of
// dtype d>, key, location, numel), as the unpickler loads it: the same
// *Storage for a key named twice.
func (o *Opened) Storage(d DType, key, location string, numel int64) (*Storage, error) {
	if numel < 0 {
		return nil, formatErrorf("invalid storage reference in checkpoint")
	}
	if numel > 1<<50 {
		return nil, formatErrorf("storage declares %d elements, more than any file holds", numel)
	}
	return o.r.storages.loadRef(storageRef{dtype: d, key: key, location: location, numel: numel})
}

// GlobalKind names what a GLOBAL opcode of a checkpoint's pickle refers
// to, for the few a caller decoding it itself understands.
type GlobalKind uint8

const (
	OtherGlobal       GlobalKind = iota // any other global, allowed or not
	OrderedDictGlobal                   // collections.OrderedDict
	RebuildTensorV2                     // torch._utils._rebuild_tensor_v2
	RebuildParameter                    // torch._utils._rebuild_parameter
	StorageClass                        // torch.FloatStorage and the like, of a dtype
)

// CheckpointGlobal recognises the lines "module\nname" of a GLOBAL
// opcode (without the last newline) naming an allow-listed global that
// PyTorch's checkpoints use: the unpickler takes them as such whatever
// weights_only says. For StorageClass, d is the storage's dtype.
func CheckpointGlobal(lines []byte) (kind GlobalKind, d DType) {
	v, ok := allowedGlobalLines[string(lines)]
	if !ok {
		return OtherGlobal, 0
	}
	f, ok := v.(fn)
	if !ok {
		return OtherGlobal, 0
	}
	switch f.name {
	case "collections.OrderedDict":
		return OrderedDictGlobal, 0
	case "torch._utils._rebuild_tensor_v2":
		return RebuildTensorV2, 0
	case "torch._utils._rebuild_parameter":
		return RebuildParameter, 0
	}
	name := f.name[strings.LastIndexByte(f.name, '.')+1:]
	if !strings.HasSuffix(name, "Storage") || name == "UntypedStorage" {
		return OtherGlobal, 0
	}
	if d, ok := dtypeByStorageClass(name); ok {
		return StorageClass, d
	}
	return OtherGlobal, 0
}

// CheckView checks a tensor's view of its storage as the unpickler does
// for _rebuild_tensor_v2.
func CheckView(st *Storage, offset int64, shape, strides []int64) error {
	t := Tensor{Storage: st, Offset: offset, Shape: shape, Strides: strides}
	return checkView(&t, int64(len(st.Data)))
}

// CommonIndexBytes is CommonIndex of a str's UTF-8 bytes, without
// making a string of them.
func CommonIndexBytes(b []byte) int { return commonIndex(b) }
