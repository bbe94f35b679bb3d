// Package tensor is the simulator's tensor engine: strided storage shared
// between views, PyTorch's type promotion, float32 arithmetic in the order of
// PyTorch's CPU kernels, and reverse-mode autograd. It knows nothing of the
// Python language; sim/torch binds it to learners' programs.
package tensor

import (
	"fmt"
)

// Error is an error PyTorch would raise, with the Python exception class it
// raises (Kind, e.g. "RuntimeError") and its message.
type Error struct {
	Kind string
	Msg  string
}

func (e *Error) Error() string { return e.Kind + ": " + e.Msg }

func errorf(kind, format string, args ...any) error {
	return &Error{Kind: kind, Msg: fmt.Sprintf(format, args...)}
}

// A Budget is a run's memory budget: Charge is called with the bytes of
// a new storage, and its error aborts the allocation. An interface, not a
// func, so that the run's own state can be the budget without a closure
// allocated for it.
type Budget interface {
	Charge(bytes int64) error
}

// BudgetFunc is a Budget of a function.
type BudgetFunc func(bytes int64) error

// Charge calls f.
func (f BudgetFunc) Charge(bytes int64) error { return f(bytes) }

// Context is one program's tensor world: whether autograd records, and the
// memory budget every new storage is charged against. Each run of a snippet
// has its own, so concurrent runs never share state.
type Context struct {
	// GradEnabled is false inside torch.no_grad().
	GradEnabled bool
	// Budget is charged the bytes of every new storage; a non-nil error
	// (a MemoryError) aborts the allocation. Nil means unlimited.
	Budget Budget

	// seq numbers graph nodes so backward runs the newest first, as
	// PyTorch's engine does. 32 bits keep a node in a smaller size class:
	// a run's step and time limits end it long before it records 2^32 ops.
	seq uint32
	// epoch numbers backward passes (scratch state on the nodes).
	epoch uint32
	// momentum is the last wrapped number SGDStep multiplied a momentum
	// buffer by, kept for the next parameter and step: nothing else sees
	// it, and nothing writes it.
	momentum *Tensor
	// gradBuf holds the gradients a backward function returns (see grads).
	gradBuf [4]*Tensor
	// one is the 0-dim ones backward() last started from (see rootGrad).
	one *Tensor
	// inPass is true while Backward runs the graph's backward functions:
	// the tensors made then are marked scratch.
	inPass bool
	// scratch holds the unused tensorAllocs of the last scratchAlloc.
	scratch []tensorAlloc
}

// NewContext returns a context with autograd on.
func NewContext() *Context {
	c := new(Context)
	c.Init()
	return c
}

// Init makes c what NewContext returns, for a context held in the
// caller's own allocation.
func (c *Context) Init() { *c = Context{GradEnabled: true} }

// Storage is the memory that views share.
type Storage struct {
	Data []float64
	// scratch marks a storage made during a backward pass (see steal).
	scratch bool
}

// Tensor is a strided view of a Storage with autograd metadata.
type Tensor struct {
	ctx     *Context
	st      *Storage
	off     int
	shape   []int
	strides []int

	// Grad is the accumulated gradient (.grad), nil until backward reaches it.
	Grad *Tensor
	// node is the node that produced this tensor (its grad_fn), or for a
	// leaf its AccumulateGrad node, made once so graphs share it, which
	// tells itself apart by its leaf (see gradFn). A tensor has one or the
	// other: a leaf gets no grad_fn while it requires grad, and keeps the
	// grad_fn it gets.
	node *Node

	// (the dtype and flags sit together, in one word: a tensor is made by
	// the thousand, and its 112 bytes keep the allocations it is part of
	// in smaller size classes)
	dtype        DType
	requiresGrad bool
	// retainGrad makes backward store the gradient of a non-leaf.
	retainGrad bool
	// wrapped marks a 0-dim tensor made from a Python number, which takes
	// part in type promotion with lower priority (PyTorch's wrapped number).
	wrapped bool
	// scratch marks a tensor made during a backward pass (see steal).
	scratch bool

	// Owner is the binding's object for this tensor, so the same tensor is
	// always the same Python object. The engine never reads it.
	Owner any
}

// Ctx is the context the tensor was made in.
func (t *Tensor) Ctx() *Context { return t.ctx }

// Shape returns the sizes (do not modify).
func (t *Tensor) Shape() []int { return t.shape }

// Strides returns the element strides (do not modify).
func (t *Tensor) Strides() []int { return t.strides }

// Offset is the storage offset in elements.
func (t *Tensor) Offset() int { return t.off }

// Storage is the shared memory under the tensor.
func (t *Tensor) Storage() *Storage { return t.st }

// DType is the element type.
func (t *Tensor) DType() DType { return t.dtype }

// Dim is the number of dimensions.
func (t *Tensor) Dim() int { return len(t.shape) }

// Numel is the number of elements.
func (t *Tensor) Numel() int { return numel(t.shape) }

// RequiresGrad is the requires_grad attribute.
func (t *Tensor) RequiresGrad() bool { return t.requiresGrad }

// GradFn is the node that produced the tensor, nil for leaves.
func (t *Tensor) GradFn() *Node { return t.gradFn() }

// gradFn is the node that produced t, nil for a leaf.
func (t *Tensor) gradFn() *Node {
	if n := t.node; n != nil && !n.acc {
		return n
	}
	return nil
}

// IsLeaf is the is_leaf attribute.
func (t *Tensor) IsLeaf() bool { return t.gradFn() == nil }

// IsWrappedNumber reports whether t stands for a Python number.
func (t *Tensor) IsWrappedNumber() bool { return t.wrapped }

// SetRequiresGrad is requires_grad_(): only leaves may change it, and only
// floating point tensors can require gradients.
func (t *Tensor) SetRequiresGrad(b bool) error {
	if !t.IsLeaf() {
		if !b {
			return errorf("RuntimeError", "you can only change requires_grad flags of leaf variables. If you want to use a computed variable in a subgraph that doesn't require differentiation use var_no_grad = var.detach().")
		}
		return nil
	}
	if b && !t.dtype.IsFloat() {
		return errorf("RuntimeError", "Only Tensors of floating point and complex dtype can require gradients")
	}
	t.requiresGrad = b
	return nil
}

// RetainGrad is retain_grad(): keep the gradient of a non-leaf.
func (t *Tensor) RetainGrad() {
	if !t.IsLeaf() {
		t.retainGrad = true
	}
}

// SameStorage reports whether two tensors share memory.
func SameStorage(a, b *Tensor) bool { return a.st == b.st }

func numel(shape []int) int {
	n := 1
	for _, s := range shape {
		n *= s
	}
	return n
}

func contiguousStrides(shape []int) []int {
	st := make([]int, len(shape))
	s := 1
	for i := len(shape) - 1; i >= 0; i-- {
		st[i] = s
		if shape[i] > 1 {
			s *= shape[i]
		}
	}
	return st
}

// MaxElements bounds one tensor so that size arithmetic cannot overflow.
const MaxElements = 1 << 40

// AllocError is PyTorch's CPU allocator failure on Linux, raised for a
// storage beyond the run's budget (or beyond MaxElements without one).
func AllocError(bytes int64) error {
	return errorf("RuntimeError", "[enforce fail at alloc_cpu.cpp:117] . DefaultCPUAllocator: can't allocate memory: you tried to allocate %d bytes. Error code 12 (Cannot allocate memory)", bytes)
}

func (c *Context) alloc(dtype DType, n int) (*Storage, error) {
	if err := c.chargeElements(dtype, n); err != nil {
		return nil, err
	}
	return &Storage{Data: make([]float64, n)}, nil
}

// chargeElements is alloc's check and charge of n elements of dtype,
// before it allocates them.
func (c *Context) chargeElements(dtype DType, n int) error {
	if n > MaxElements {
		return AllocError(int64(n) * int64(dtype.ItemSize()))
	}
	if c.Budget != nil {
		if err := c.Budget.Charge(int64(n) * int64(dtype.ItemSize())); err != nil {
			return err
		}
	}
	return nil
}

// checkShape rejects negative sizes as PyTorch does.
func checkShape(shape []int) error {
	n := 1
	for _, s := range shape {
		if s < 0 {
			return errorf("RuntimeError", "Trying to create tensor with negative dimension %d: %s", s, formatList(shape))
		}
		if s > 0 && n > (1<<62)/s {
			return errorf("RuntimeError", "Storage size calculation overflowed with sizes=%s", formatList(shape))
		}
		n *= s
	}
	return nil
}

func formatList(xs []int) string {
	s := "["
	for i, x := range xs {
		if i > 0 {
			s += ", "
		}
		s += fmt.Sprint(x)
	}
	return s + "]"
}

// Empty makes a contiguous zero-filled tensor.
func Empty(c *Context, dtype DType, shape []int) (*Tensor, error) {
	if c.inPass {
		return emptyIn(c.scratchAlloc(), c, dtype, shape)
	}
	return emptyIn(new(tensorAlloc), c, dtype, shape)
}

// scratchAllocs is how many tensors of a backward pass share one
// allocation: two fill a size class exactly (more would take a malloc
// header and round up).
const scratchAllocs = 2

// scratchAlloc is a zero tensorAlloc for a tensor a backward pass makes:
// the next of a few allocated together, as a pass makes a few small
// gradients (a training step's, three) that die with the pass or become
// the .grad of parameters, which zero_grad drops together.
func (c *Context) scratchAlloc() *tensorAlloc {
	if len(c.scratch) == 0 {
		c.scratch = make([]tensorAlloc, scratchAllocs)
	}
	a := &c.scratch[0]
	c.scratch = c.scratch[1:]
	return a
}

// EmptyPair makes two contiguous zero-filled tensors, of shapes a and b,
// in one allocation: a layer's weight and bias, made together and kept
// together. The memory budget is charged for a, then for b, as two calls
// of Empty charge it.
func EmptyPair(c *Context, dtype DType, a, b []int) (*Tensor, *Tensor, error) {
	buf := new([2]tensorAlloc)
	ta, err := emptyIn(&buf[0], c, dtype, a)
	if err != nil {
		return nil, nil, err
	}
	tb, err := emptyIn(&buf[1], c, dtype, b)
	if err != nil {
		return nil, nil, err
	}
	return ta, tb, nil
}

// A tensorAlloc is one allocation for a tensor, its storage and its shape
// and strides, and the data too when it is a few numbers: small tensors are
// made by the thousand in a training loop.
type tensorAlloc struct {
	t    Tensor
	st   Storage
	data [inlineElems]float64
	dims [2 * inlineDims]int
}

const inlineElems, inlineDims = 4, 2

// emptyIn is Empty making the tensor in a, a zero tensorAlloc that the
// caller may have allocated together with more (an op's node).
func emptyIn(a *tensorAlloc, c *Context, dtype DType, shape []int) (*Tensor, error) {
	if err := checkShape(shape); err != nil {
		return nil, err
	}
	n := numel(shape)
	if n > MaxElements {
		return nil, AllocError(int64(n) * int64(dtype.ItemSize()))
	}
	if c.Budget != nil {
		if err := c.Budget.Charge(int64(n) * int64(dtype.ItemSize())); err != nil {
			return nil, err
		}
	}
	if n <= inlineElems {
		a.st.Data = a.data[:n:n]
	} else {
		a.st.Data = make([]float64, n)
	}
	var dims []int
	if len(shape) <= inlineDims {
		dims = a.dims[: 2*len(shape) : 2*len(shape)]
	} else {
		dims = make([]int, 2*len(shape))
	}
	copy(dims, shape)
	fillContiguousStrides(dims[len(shape):], shape)
	a.st.scratch = c.inPass
	// field by field: a is zero, and assigning a whole Tensor would pass
	// every pointer field of it through the GC's write barrier
	t := &a.t
	t.ctx, t.st, t.dtype, t.scratch = c, &a.st, dtype, c.inPass
	t.shape, t.strides = dims[:len(shape):len(shape)], dims[len(shape):]
	return t, nil
}

func fillContiguousStrides(st, shape []int) {
	s := 1
	for i := len(shape) - 1; i >= 0; i-- {
		st[i] = s
		if shape[i] > 1 {
			s *= shape[i]
		}
	}
}

// Full makes a tensor filled with v (rounded to dtype).
func Full(c *Context, dtype DType, shape []int, v float64) (*Tensor, error) {
	t, err := Empty(c, dtype, shape)
	if err != nil {
		return nil, err
	}
	v = dtype.Round(v)
	if v != 0 {
		for i := range t.st.Data {
			t.st.Data[i] = v
		}
	}
	return t, nil
}

// FromValues makes a contiguous tensor holding values in row-major order,
// each rounded to dtype. len(values) must equal the shape's element count.
func FromValues(c *Context, dtype DType, shape []int, values []float64) (*Tensor, error) {
	t, err := Empty(c, dtype, shape)
	if err != nil {
		return nil, err
	}
	if len(values) != len(t.st.Data) {
		return nil, errorf("RuntimeError", "shape '%s' is invalid for input of size %d", formatList(shape), len(values))
	}
	for i, v := range values {
		t.st.Data[i] = dtype.Round(v)
	}
	return t, nil
}

// Scalar makes a 0-dim tensor standing for a Python number: dtype is
// Float64 for a float, Int64 for an int, Bool for a bool (the dtypes PyTorch
// gives wrapped numbers), and it promotes with low priority.
func Scalar(c *Context, dtype DType, v float64) *Tensor {
	t := zeroDimIn(new(scalarAlloc), c, dtype)
	t.st.Data[0] = dtype.Round(v)
	t.wrapped = true
	return t
}

// A scalarAlloc is one allocation for a 0-dim tensor and its storage: a
// number, or a loss.
type scalarAlloc struct {
	t    Tensor
	st   Storage
	data [1]float64
}

// emptyZeroDimIn is Empty(c, dtype, nil) making the tensor in a, a zero
// scalarAlloc that the caller may have allocated together with more.
func emptyZeroDimIn(a *scalarAlloc, c *Context, dtype DType) (*Tensor, error) {
	if c.Budget != nil {
		if err := c.Budget.Charge(int64(dtype.ItemSize())); err != nil {
			return nil, err
		}
	}
	return zeroDimIn(a, c, dtype), nil
}

// zeroDimIn makes a zero 0-dim tensor in a, a zero scalarAlloc that the
// caller may have allocated together with more (a loss's node), without
// the checks and charge of Empty.
func zeroDimIn(a *scalarAlloc, c *Context, dtype DType) *Tensor {
	a.st.Data = a.data[:]
	a.st.scratch = c.inPass
	t := &a.t // field by field, as emptyIn makes a tensor
	t.ctx, t.st, t.dtype, t.scratch = c, &a.st, dtype, c.inPass
	t.shape, t.strides = []int{}, []int{}
	return t
}

// Values returns the elements in row-major order as a new slice.
func (t *Tensor) Values() []float64 {
	n := t.Numel()
	out := make([]float64, 0, n)
	if n == 0 {
		return out
	}
	if t.IsContiguous() {
		return append(out, t.st.Data[t.off:t.off+n]...)
	}
	t.each(func(pos int) { out = append(out, t.st.Data[pos]) })
	return out
}

// vals is Values without the copy when the tensor is contiguous: callers
// must only read it.
func (t *Tensor) vals() []float64 {
	if t.IsContiguous() {
		n := t.Numel()
		return t.st.Data[t.off : t.off+n]
	}
	return t.Values()
}

// each calls f with the storage position of every element in row-major order.
func (t *Tensor) each(f func(pos int)) {
	n := t.Numel()
	if n == 0 {
		return
	}
	nd := len(t.shape)
	idx := make([]int, nd)
	pos := t.off
	for {
		f(pos)
		d := nd - 1
		for ; d >= 0; d-- {
			idx[d]++
			pos += t.strides[d]
			if idx[d] < t.shape[d] {
				break
			}
			pos -= t.strides[d] * t.shape[d]
			idx[d] = 0
		}
		if d < 0 {
			return
		}
	}
}

// positions lists the storage positions of the elements in row-major order.
func (t *Tensor) positions() []int {
	out := make([]int, 0, t.Numel())
	t.each(func(p int) { out = append(out, p) })
	return out
}

// Item is .item() for a one-element tensor.
func (t *Tensor) Item() (float64, error) {
	if t.Numel() != 1 {
		return 0, errorf("RuntimeError", "a Tensor with %d elements cannot be converted to Scalar", t.Numel())
	}
	return t.st.Data[t.off], nil
}

// IsContiguous is is_contiguous().
func (t *Tensor) IsContiguous() bool {
	s := 1
	for i := len(t.shape) - 1; i >= 0; i-- {
		if t.shape[i] == 1 {
			continue
		}
		if t.strides[i] != s {
			return false
		}
		s *= t.shape[i]
	}
	return true
}

// setValues writes row-major values into the tensor's elements, rounding.
func (t *Tensor) setValues(values []float64) {
	if t.IsContiguous() {
		dst := t.st.Data[t.off : t.off+t.Numel()]
		for i, v := range values[:len(dst)] {
			dst[i] = t.dtype.Round(v)
		}
		return
	}
	i := 0
	t.each(func(p int) {
		t.st.Data[p] = t.dtype.Round(values[i])
		i++
	})
}

// view makes a tensor sharing t's storage with new geometry.
func (t *Tensor) view(shape, strides []int, off int) *Tensor {
	return &Tensor{ctx: t.ctx, st: t.st, off: off, shape: shape, strides: strides, dtype: t.dtype}
}

// viewCopy is view with copies of shape and strides.
func (t *Tensor) viewCopy(shape, strides []int, off int) *Tensor {
	v := t.newView(len(shape), off)
	copy(v.shape, shape)
	copy(v.strides, strides)
	return v
}

// newView is a view of t's storage at off with zeroed shape and strides of
// the given rank for the caller to fill, made in the tensor's own
// allocation when they are short.
func (t *Tensor) newView(rank, off int) *Tensor {
	return t.viewIn(new(viewAlloc), rank, off)
}

// A viewAlloc is one allocation for a view and its shape and strides.
type viewAlloc struct {
	t    Tensor
	dims [4]int
}

// viewIn is newView making the view in a, a zero viewAlloc that the caller
// may have allocated together with more (an op's node).
func (t *Tensor) viewIn(a *viewAlloc, rank, off int) *Tensor {
	var dims []int
	if n := 2 * rank; n <= len(a.dims) {
		dims = a.dims[:n:n]
	} else {
		dims = make([]int, n)
	}
	v := &a.t // field by field, as emptyIn makes a tensor
	v.ctx, v.st, v.off, v.dtype, v.scratch = t.ctx, t.st, off, t.dtype, t.ctx.inPass
	v.shape, v.strides = dims[:rank:rank], dims[rank:]
	return v
}

// A ViewAlloc is the memory of a view, for DetachIn.
type ViewAlloc struct{ a viewAlloc }

// DetachIn is Detach making the view in a, a zero ViewAlloc the caller
// allocated with more (the view's Python object).
func (t *Tensor) DetachIn(a *ViewAlloc) *Tensor {
	v := t.viewIn(&a.a, len(t.shape), t.off)
	copy(v.shape, t.shape)
	copy(v.strides, t.strides)
	return v
}

// Detach is detach(): same storage, no history.
func (t *Tensor) Detach() *Tensor {
	return t.viewCopy(t.shape, t.strides, t.off)
}

// Contiguous returns t if it is contiguous, else a contiguous copy (no
// autograd; callers that need history use Clone).
func (t *Tensor) contiguousData() (*Tensor, error) {
	if t.IsContiguous() {
		return t, nil
	}
	return FromValues(t.ctx, t.dtype, t.shape, t.vals())
}

// ShapeString formats a shape as torch.Size prints it: torch.Size([2, 3]).
func ShapeString(shape []int) string { return "torch.Size(" + formatList(shape) + ")" }

// SetData is `t.data = src`: t now views src's memory, shape and dtype,
// keeping its own autograd identity.
func (t *Tensor) SetData(src *Tensor) error {
	if t.requiresGrad && !src.dtype.IsFloat() {
		return errorf("RuntimeError", "data set to a tensor that requires gradients must be floating point or complex dtype")
	}
	t.st, t.off, t.dtype = src.st, src.off, src.dtype
	t.shape = append([]int(nil), src.shape...)
	t.strides = append([]int(nil), src.strides...)
	return nil
}

// Alias is a new tensor object over the same memory and geometry with the
// given requires_grad (nn.Parameter's construction).
func (t *Tensor) Alias(requiresGrad bool) (*Tensor, error) {
	a := t.Detach()
	if err := a.SetRequiresGrad(requiresGrad); err != nil {
		return nil, err
	}
	return a, nil
}

// NewStorage allocates a storage holding values rounded to dtype (for
// loading checkpoints, whose tensors may share one storage).
func NewStorage(c *Context, dtype DType, values []float64) (*Storage, error) {
	st, err := c.alloc(dtype, len(values))
	if err != nil {
		return nil, err
	}
	for i, v := range values {
		st.Data[i] = dtype.Round(v)
	}
	return st, nil
}

// NewStorageWith is NewStorage of n values that fill writes into the
// storage's data, rounded to dtype after: a caller decoding them saves the
// slice it would pass NewStorage.
func NewStorageWith(c *Context, dtype DType, n int, fill func(data []float64)) (*Storage, error) {
	st, err := c.alloc(dtype, n)
	if err != nil {
		return nil, err
	}
	fill(st.Data)
	for i, v := range st.Data {
		st.Data[i] = dtype.Round(v)
	}
	return st, nil
}

// NewStorageWithIn is NewStorageWith making the storage in st, a zero
// Storage the caller allocated together with more (a loaded tensor's
// object and view): its data is an allocation of its own still.
func NewStorageWithIn(st *Storage, c *Context, dtype DType, n int, fill func(data []float64)) error {
	if err := c.chargeElements(dtype, n); err != nil {
		return err
	}
	st.Data = make([]float64, n)
	fill(st.Data)
	for i, v := range st.Data {
		st.Data[i] = dtype.Round(v)
	}
	return nil
}

// ViewOf makes a tensor over st with the given geometry, checking that every
// element lies inside the storage.
func ViewOf(c *Context, st *Storage, dtype DType, off int, shape, strides []int) (*Tensor, error) {
	if err := checkViewOf(st, dtype, off, shape, strides); err != nil {
		return nil, err
	}
	base := Tensor{ctx: c, st: st, dtype: dtype}
	return base.viewCopy(shape, strides, off), nil
}

// ViewOfIn is ViewOf making the view in a, a zero ViewAlloc the caller
// allocated together with more (the view's Python object).
func ViewOfIn(a *ViewAlloc, c *Context, st *Storage, dtype DType, off int, shape, strides []int) (*Tensor, error) {
	if err := checkViewOf(st, dtype, off, shape, strides); err != nil {
		return nil, err
	}
	base := Tensor{ctx: c, st: st, dtype: dtype}
	v := base.viewIn(&a.a, len(shape), off)
	copy(v.shape, shape)
	copy(v.strides, strides)
	return v, nil
}

// checkViewOf is ViewOf's check of a view's geometry.
func checkViewOf(st *Storage, dtype DType, off int, shape, strides []int) error {
	if len(shape) != len(strides) {
		return errorf("RuntimeError", "shape and strides differ in length")
	}
	if err := checkShape(shape); err != nil {
		return err
	}
	if numel(shape) > 0 {
		lo, hi := off, off
		for i, s := range shape {
			if strides[i] < 0 {
				lo += strides[i] * (s - 1)
			} else {
				hi += strides[i] * (s - 1)
			}
		}
		if off < 0 || lo < 0 || hi >= len(st.Data) {
			return errorf("RuntimeError", "setStorage: sizes %s, strides %s, storage offset %d, and itemsize %d requiring a storage size of %d are out of bounds for storage of size %d", formatList(shape), formatList(strides), off, dtype.ItemSize(), (hi+1)*dtype.ItemSize(), len(st.Data)*dtype.ItemSize())
		}
	}
	return nil
}
