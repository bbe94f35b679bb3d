package pth

// DType is a tensor element type. The zero value is Float32, PyTorch's default.
// The first ten follow the order of sim/torch/tensor.DType, which converts to
// and from DType by value: keep the two in step.
type DType int

const (
	Float32 DType = iota
	Float64
	Float16
	BFloat16
	Int64
	Int32
	Int16
	Int8
	UInt8
	Boolean
	Complex64
	Complex128
	numDTypes
)

type dtypeInfo struct {
	name     string // torch.<name>
	storage  string // torch.<storage>Storage, the legacy typed storage class
	itemSize int
	st       string // safetensors dtype code
}

var dtypeInfos = [numDTypes]dtypeInfo{
	Float32:    {"float32", "FloatStorage", 4, "F32"},
	Float64:    {"float64", "DoubleStorage", 8, "F64"},
	Float16:    {"float16", "HalfStorage", 2, "F16"},
	BFloat16:   {"bfloat16", "BFloat16Storage", 2, "BF16"},
	Int64:      {"int64", "LongStorage", 8, "I64"},
	Int32:      {"int32", "IntStorage", 4, "I32"},
	Int16:      {"int16", "ShortStorage", 2, "I16"},
	Int8:       {"int8", "CharStorage", 1, "I8"},
	UInt8:      {"uint8", "ByteStorage", 1, "U8"},
	Boolean:    {"bool", "BoolStorage", 1, "BOOL"},
	Complex64:  {"complex64", "ComplexFloatStorage", 8, "C64"},
	Complex128: {"complex128", "ComplexDoubleStorage", 16, "C128"},
}

// dtypeAliases are the other names torch exposes for the same dtypes; the
// pickle of a dtype always uses the canonical name, but a GLOBAL may name any.
var dtypeAliases = map[string]DType{
	"float": Float32, "double": Float64, "half": Float16, "long": Int64,
	"int": Int32, "short": Int16, "cfloat": Complex64, "cdouble": Complex128,
}

// Name is the dtype's canonical name without the "torch." prefix.
func (d DType) Name() string { return d.info().name }

// String is what print(dtype) shows: "torch.float32".
func (d DType) String() string { return "torch." + d.info().name }

// ItemSize is the element size in bytes.
func (d DType) ItemSize() int { return d.info().itemSize }

// StorageClass is the legacy storage class name a checkpoint's persistent id
// names, e.g. "FloatStorage".
func (d DType) StorageClass() string { return d.info().storage }

func (d DType) info() dtypeInfo {
	if d < 0 || d >= numDTypes {
		return dtypeInfo{"invalid", "InvalidStorage", 1, "INVALID"}
	}
	return dtypeInfos[d]
}

// DTypeByName finds a dtype by its torch name ("float32", "float", "bool"...).
func DTypeByName(name string) (DType, bool) {
	for i, inf := range dtypeInfos {
		if inf.name == name {
			return DType(i), true
		}
	}
	d, ok := dtypeAliases[name]
	return d, ok
}

// dtypeByStorageClass finds the dtype of a legacy storage class name.
func dtypeByStorageClass(name string) (DType, bool) {
	for i, inf := range dtypeInfos {
		if inf.storage == name {
			return DType(i), true
		}
	}
	return 0, false
}

func dtypeBySafetensors(code string) (DType, bool) {
	for i, inf := range dtypeInfos {
		if inf.st == code {
			return DType(i), true
		}
	}
	return 0, false
}
