// Package tensorfmt prints tensors exactly as torch/_tensor_str.py does.
//
// Learners compare what the course shows with what their own PyTorch prints,
// so every space counts: the precision-4 fixed or scientific notation chosen
// from the values, integer-valued floats as "1.", column padding, wrapping at
// the line width with nested-bracket indentation, "..." summaries past the
// threshold, and the suffixes (dtype=, size=, grad_fn=, requires_grad=True).
// The rules are PyTorch 2.6's, which for everything here print what 1.13
// prints (the goldens come from the 1.13 oracle).
//
// It knows nothing of the simulator's tensors; the caller describes one:
//
//	v := tensorfmt.View{DType: tensorfmt.Float32, Shape: []int{1, 2}, Float: []float64{-0.0053, 0.3793}}
//	s := tensorfmt.Repr(v, tensorfmt.DefaultOptions(), "requires_grad=True")
//	// tensor([[-0.0053,  0.3793]], requires_grad=True)
//	p := tensorfmt.ParameterRepr(v, tensorfmt.DefaultOptions(), true)
//	// Parameter containing:\ntensor([[-0.0053,  0.3793]], requires_grad=True)
//
// Options holds torch.set_printoptions' state; the caller keeps one per
// interpreter and passes it in.
package tensorfmt

import (
	"bytes"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
)

// DType is a tensor's element type, as far as printing cares.
type DType int

const (
	Float32 DType = iota // the zero value, PyTorch's default dtype
	Float64
	Float16
	BFloat16
	Int64
	Int32
	Int16
	Int8
	UInt8
	Bool
)

var dtypeNames = [...]string{
	Float32: "torch.float32", Float64: "torch.float64", Float16: "torch.float16",
	BFloat16: "torch.bfloat16", Int64: "torch.int64", Int32: "torch.int32",
	Int16: "torch.int16", Int8: "torch.int8", UInt8: "torch.uint8", Bool: "torch.bool",
}

// String is the dtype's repr, e.g. "torch.float32".
func (d DType) String() string {
	if d < 0 || int(d) >= len(dtypeNames) {
		return "torch.unknown"
	}
	return dtypeNames[d]
}

// IsFloat reports whether the dtype is a floating-point one.
func (d DType) IsFloat() bool {
	return d == Float32 || d == Float64 || d == Float16 || d == BFloat16
}

// View describes a tensor to print: its dtype, shape and elements in
// row-major order. Exactly one of Float (floating dtypes), Int (integer
// dtypes) or Bool (bool) holds the numel() elements; a 0-dim tensor has an
// empty Shape and one element.
type View struct {
	DType DType
	Shape []int
	Float []float64
	Int   []int64
	Bool  []bool
}

// Check reports a View whose element slice does not match its dtype and
// shape. Repr and Body print such a view as an error marker instead of
// panicking, so a caller's bug shows up in the output, not as a crash.
func (v View) Check() error {
	return v.check()
}

// check is Check without copying the view.
func (v *View) check() error {
	n := 1
	for _, d := range v.Shape {
		if d < 0 {
			return fmt.Errorf("tensorfmt: negative dimension in shape %v", v.Shape)
		}
		n *= d
	}
	var have int
	switch {
	case v.DType < 0 || int(v.DType) >= len(dtypeNames):
		return fmt.Errorf("tensorfmt: unknown dtype %d", int(v.DType))
	case v.DType.IsFloat():
		have = len(v.Float)
	case v.DType == Bool:
		have = len(v.Bool)
	default:
		have = len(v.Int)
	}
	if have != n {
		return fmt.Errorf("tensorfmt: %d values for shape %v (%d elements) of %v", have, v.Shape, n, v.DType)
	}
	return nil
}

// Options is torch.set_printoptions' state (PRINT_OPTS) plus the default
// dtype, which decides whether "dtype=" is printed.
type Options struct {
	Precision int
	// Threshold is a float because profile="full" sets it to inf.
	Threshold float64
	EdgeItems int
	LineWidth int
	// SciMode nil lets the values decide, as sci_mode=None does.
	SciMode *bool
	// DefaultFloat is torch.get_default_dtype(): Float32 unless changed.
	DefaultFloat DType
}

// DefaultOptions is PRINT_OPTS as PyTorch starts: precision 4, threshold
// 1000, edgeitems 3, linewidth 80, sci_mode None.
func DefaultOptions() Options {
	return Options{Precision: 4, Threshold: 1000, EdgeItems: 3, LineWidth: 80}
}

// Repr is repr(tensor) for a plain CPU tensor: "tensor(" + the body + the
// suffixes PyTorch derives from the view (size= for empty non-1-d tensors,
// dtype= for non-default dtypes), then extra suffixes in order, typically
// "grad_fn=<AddmmBackward0>" or "requires_grad=True".
func Repr(v View, o Options, extra ...string) string {
	var stack [256]byte // most reprs fit: the result is then the only allocation
	return string(appendRepr(stack[:0], "", &v, &o, extra))
}

// AppendRepr appends Repr(*v, *o, extra...) to b, for callers that keep
// the text in a buffer of their own and need no string of it. The view
// and options are read through the pointers, not copied, and not kept.
func AppendRepr(b []byte, v *View, o *Options, extra ...string) []byte {
	return appendRepr(b, "", v, o, extra)
}

// appendRepr appends head and Repr's text to b. The text is built in one
// buffer: the state view and the timeline print many small tensors, and
// each piece made on its own would be an allocation.
//
// v and o are pointers so that the view and the options are not copied
// at each call on the way down; nothing here changes them.
func appendRepr(b []byte, head string, v *View, o *Options, extra []string) []byte {
	const prefix = "tensor("
	if err := v.check(); err != nil {
		b = append(b, head...)
		b = append(b, prefix+"<"...)
		b = append(b, err.Error()...)
		return append(b, ">)"...)
	}
	indent := len(prefix)
	numel := numelOf(v.Shape)
	b = slices.Grow(b, len(head)+len(prefix)+2+reprGuess(numel)+16*(len(extra)+1))
	b = append(b, head...)
	b = append(b, prefix...)
	bodyStart := len(b)
	if numel == 0 {
		b = append(b, "[]"...)
	} else {
		b = appendBody(b, v, o, indent)
	}
	s := suffixer{lineWidth: o.LineWidth, indent: indent}
	// _add_suffixes: len(s) - (-1) + 1 when the text has no newline, else
	// the length of its last line + 1 (head is not part of the text).
	s.lastLineLen = len(prefix) + len(b) - bodyStart + 2
	// IndexByte first: most bodies are one line, and it scans them faster.
	if bytes.IndexByte(b[bodyStart:], '\n') >= 0 {
		i := bytes.LastIndexByte(b[bodyStart:], '\n')
		s.lastLineLen = len(b) - bodyStart - i + 1
	}
	if numel == 0 {
		if len(v.Shape) != 1 {
			b = s.append(b, "size=", v.Shape, "")
		}
		if v.DType != o.DefaultFloat {
			b = s.append(b, "dtype=", nil, v.DType.String())
		}
	} else if v.DType != o.DefaultFloat && v.DType != Int64 && v.DType != Bool {
		b = s.append(b, "dtype=", nil, v.DType.String())
	}
	for _, suf := range extra {
		b = s.append(b, suf, nil, "")
	}
	return append(b, ')')
}

// reprGuess is a starting capacity for the body of n elements.
func reprGuess(n int) int {
	return min(n, 64)*12 + 8
}

// suffixer is _add_suffixes: each suffix goes on the same line unless it
// would pass the line width, then on a new line at the indent.
type suffixer struct {
	lineWidth, indent, lastLineLen int
}

// append writes the suffix name+ShapeTuple(shape)+text (shape only when
// not nil).
func (s *suffixer) append(b []byte, name string, shape []int, text string) []byte {
	n := len(name) + len(text)
	if shape != nil {
		n += shapeLen(shape)
	}
	if s.lastLineLen+n+2 > s.lineWidth {
		b = append(b, ",\n"...)
		for range s.indent {
			b = append(b, ' ')
		}
		s.lastLineLen = s.indent + n
	} else {
		b = append(b, ", "...)
		s.lastLineLen += n + 2
	}
	b = append(b, name...)
	if shape != nil {
		b = AppendShape(b, shape)
	}
	return append(b, text...)
}

// ParameterRepr is repr(nn.Parameter): "Parameter containing:\n" and the
// tensor's repr, which ends in requires_grad=True when it requires grad.
func ParameterRepr(v View, o Options, requiresGrad bool) string {
	var stack [256]byte
	return string(AppendParameterRepr(stack[:0], &v, &o, requiresGrad))
}

// AppendParameterRepr appends ParameterRepr(*v, *o, requiresGrad) to b,
// reading the view and options through the pointers, as AppendRepr does.
func AppendParameterRepr(b []byte, v *View, o *Options, requiresGrad bool) []byte {
	var extra []string
	if requiresGrad {
		extra = requiresGradSuffix
	}
	return appendRepr(b, "Parameter containing:\n", v, o, extra)
}

// ShapeTuple is str(tuple(shape)): "(0, 3)", "(5,)", "()".
func ShapeTuple(shape []int) string {
	var buf [32]byte
	return string(AppendShape(buf[:0], shape))
}

// WriteShape writes ShapeTuple(shape) into b.
func WriteShape(b *strings.Builder, shape []int) {
	var buf [32]byte
	b.Write(AppendShape(buf[:0], shape))
}

// AppendShape appends ShapeTuple(shape) to b.
func AppendShape(b []byte, shape []int) []byte {
	b = append(b, '(')
	for i, n := range shape {
		if i > 0 {
			b = append(b, ", "...)
		}
		b = strconv.AppendInt(b, int64(n), 10)
	}
	if len(shape) == 1 {
		b = append(b, ',')
	}
	return append(b, ')')
}

// shapeLen is len(ShapeTuple(shape)).
func shapeLen(shape []int) int {
	var buf [32]byte
	return len(AppendShape(buf[:0], shape))
}

var requiresGradSuffix = []string{"requires_grad=True"}

func numelOf(shape []int) int {
	n := 1
	for _, d := range shape {
		n *= d
	}
	return n
}

// Body is _tensor_str(tensor, indent): the bracketed values without
// "tensor(" and suffixes, for a tensor whose first line starts at column
// indent.
func Body(v View, o Options, indent int) string {
	if err := v.Check(); err != nil {
		return "<" + err.Error() + ">"
	}
	if numelOf(v.Shape) == 0 {
		return "[]"
	}
	return string(appendBody(make([]byte, 0, reprGuess(numelOf(v.Shape))), &v, &o, indent))
}

// appendBody appends Body(v, o, indent) for a checked view of at least one
// element.
func appendBody(b []byte, v *View, o *Options, indent int) []byte {
	if out, ok := appendSmallBody(b, v, o, indent); ok {
		return out
	}
	return appendBodyGeneral(b, v, o, indent)
}

// appendSmallBody is appendBody in one pass for the tensors the state
// view and the timeline print most: a floating view of at most smallTensor
// elements, printed whole (the threshold is not passed), with sci_mode
// left to the values. It measures the values as newFormatter does, formats
// each element once into a textCache while it measures the width, and
// lays the texts out in order, which for a whole print is their flat
// order. ok is false, and b unchanged, for any other view, or when the
// texts do not fit the cache; appendBodyGeneral prints those.
// TestSmallBodyMatchesGeneral holds the two paths to the same output.
func appendSmallBody(b []byte, v *View, o *Options, indent int) (out []byte, ok bool) {
	vals := v.Float
	n := len(vals)
	if n == 0 || n > smallTensor || !v.DType.IsFloat() || float64(n) > o.Threshold || o.SciMode != nil {
		return b, false
	}
	if v.DType == Float16 || v.DType == BFloat16 {
		// As in appendBodyGeneral: only unrounded input needs this.
		var rounded [smallTensor]float64
		for i, x := range vals {
			rounded[i] = Round(v.DType, x)
		}
		vals = rounded[:n]
	}
	// newFormatter's measure of the finite non-zero values (a-a is 0 only
	// for a finite a), with "whole" tested without math.Ceil: every float
	// of 2^52 or more is whole.
	f := formatter{floating: true, intMode: true, width: 1, precision: o.Precision}
	var lo, hi float64
	found := false
	for _, x := range vals {
		a := math.Abs(x)
		if a == 0 || a-a != 0 {
			continue
		}
		switch {
		case !found:
			lo, hi, found = a, a, true
		case a < lo:
			lo = a
		case a > hi:
			hi = a
		}
		if a < 1<<52 && float64(int64(a)) != a {
			f.intMode = false
		}
	}
	if found {
		if f.intMode {
			f.sciMode = hi/lo > 1000.0 || hi > 1.0e8
		} else {
			f.sciMode = hi/lo > 1000.0 || hi > 1.0e8 || lo < 1.0e-4
		}
	}
	// Format each element, and measure the width of the measured ones.
	// The common text of int mode, a digit and ".", is written here.
	var c textCache
	digits := f.intMode && !f.sciMode
	end := 0
	for k, x := range vals {
		a := math.Abs(x)
		if digits && a < 10 {
			if end+3 > len(c.buf) {
				return b, false
			}
			if math.Signbit(x) {
				c.buf[end] = '-'
				end++
			}
			c.buf[end] = byte('0' + int(a))
			c.buf[end+1] = '.'
			end += 2
		} else {
			t := f.appendFloat(c.buf[end:end], x)
			if end+len(t) > len(c.buf) {
				return b, false // append made t elsewhere: too long for the cache
			}
			end += len(t)
		}
		c.ends[k] = uint8(end)
		if a != 0 && a-a == 0 {
			start := 0
			if k > 0 {
				start = int(c.ends[k-1])
			}
			f.width = max(f.width, end-start)
		}
	}
	s := smallPrinter{c: &c, shape: v.Shape, width: f.width, lineWidth: o.LineWidth}
	return s.appendTensor(b, 0, indent), true
}

// smallPrinter lays out appendSmallBody's texts, as appendTensor and
// appendVector do for a view printed whole, taking the texts in order.
type smallPrinter struct {
	c                *textCache
	shape            []int
	width, lineWidth int
	next             int // the flat index of the next element printed
	start            int // where its text starts in c.buf
}

// appendTensor appends the sub-tensor of dimension dim whose first line
// starts at column indent.
func (s *smallPrinter) appendTensor(b []byte, dim, indent int) []byte {
	rank := len(s.shape) - dim
	if rank == 0 {
		return s.appendNext(b)
	}
	n := s.shape[dim]
	b = append(b, '[')
	if rank == 1 {
		// max(1, floor((linewidth - indent) / element_length)), as appendVector.
		perLine := max(1, (s.lineWidth-indent)/(s.width+2))
		for i := range n {
			if i > 0 {
				b = appendItemSep(b, i, perLine, indent)
			}
			b = s.appendNext(b)
		}
		return append(b, ']')
	}
	for i := range n {
		if i > 0 {
			b = appendSliceSep(b, rank, indent)
		}
		b = s.appendTensor(b, dim+1, indent+1)
	}
	return append(b, ']')
}

// appendNext appends the next element's text, padded on the left to the
// width.
func (s *smallPrinter) appendNext(b []byte) []byte {
	end := int(s.c.ends[s.next])
	t := s.c.buf[s.start:end]
	s.next, s.start = s.next+1, end
	for n := s.width - len(t); n > 0; n-- {
		b = append(b, ' ')
	}
	return append(b, t...)
}

// appendBodyGeneral is appendBody for any checked view of at least one
// element: it measures the values, then formats each as it prints it.
func appendBodyGeneral(b []byte, v *View, o *Options, indent int) []byte {
	numel := numelOf(v.Shape)
	// Set field by field: a composite literal is built in a temporary and
	// copied, and the printer is large (its text cache).
	var p printer
	p.v, p.o = v, o
	if o.EdgeItems < 0 {
		clamped := *o
		clamped.EdgeItems = 0 // PyTorch itself fails on these; never index outside the tensor
		p.o = &clamped
	}
	if v.DType == Float16 || v.DType == BFloat16 {
		// _tensor_str converts to float32 first; values are already the
		// dtype's, rounding again only guards against unrounded input.
		rounded := *v
		rounded.Float = make([]float64, len(v.Float))
		for i, x := range v.Float {
			rounded.Float[i] = Round(v.DType, x)
		}
		p.v = &rounded
	}
	var strides [4]int
	if len(v.Shape) <= len(strides) {
		p.strides = strides[:len(v.Shape)]
	} else {
		p.strides = make([]int, len(v.Shape))
	}
	s := 1
	for i := len(v.Shape) - 1; i >= 0; i-- {
		p.strides[i] = s
		s *= v.Shape[i]
	}
	p.summarize = float64(numel) > p.o.Threshold
	var idx []int // nil: every element
	if p.summarize {
		idx = p.summarizedIndices(0, 0)
	}
	p.f = newFormatter(p.v, idx, numel, p.o)
	return p.appendTensor(b, 0, 0, indent)
}

type printer struct {
	v         *View    // the caller's, or a copy with rounded values
	o         *Options // the caller's, or a copy with edgeitems clamped
	strides   []int
	summarize bool
	f         formatter
}

// appendElement appends the element at flat index i, padded to the width.
func (p *printer) appendElement(b []byte, i int) []byte {
	return p.f.appendFormat(b, p.element(i))
}

// summarizedIndices is get_summarized_data: the flat indices of the elements
// a summarised print shows, which are the ones the formatter measures.
func (p *printer) summarizedIndices(dim, offset int) []int {
	if dim == len(p.v.Shape) {
		return []int{offset}
	}
	n := p.v.Shape[dim]
	var out []int
	for _, i := range p.shown(n) {
		out = append(out, p.summarizedIndices(dim+1, offset+i*p.strides[dim])...)
	}
	return out
}

// shown lists the indices of a dimension of size n whose elements a
// summarised print measures: the edges only, or everything when the
// dimension is short (or edgeitems is 0, where self[-0:] is everything).
func (p *printer) shown(n int) []int {
	e := p.o.EdgeItems
	var out []int
	if p.summarize && n > 2*e && e > 0 {
		for i := 0; i < e; i++ {
			out = append(out, i)
		}
		for i := n - e; i < n; i++ {
			out = append(out, i)
		}
		return out
	}
	for i := 0; i < n; i++ {
		out = append(out, i)
	}
	return out
}

// appendTensor is _tensor_str_with_formatter for the sub-tensor at
// dim/offset: the sub-tensors joined by "," and rank-1 newlines and the
// indent.
func (p *printer) appendTensor(b []byte, dim, offset, indent int) []byte {
	rank := len(p.v.Shape) - dim
	if rank == 0 {
		return p.appendElement(b, offset)
	}
	n := p.v.Shape[dim]
	e := p.o.EdgeItems
	summarized := p.summarize && n > 2*e
	if rank == 1 {
		return p.appendVector(b, dim, offset, indent, summarized)
	}
	b = append(b, '[')
	for i := 0; i < n; i++ {
		if i > 0 {
			b = appendSliceSep(b, rank, indent)
		}
		if summarized && i == e {
			b = append(b, "..."...)
			i = n - e - 1
			continue
		}
		b = p.appendTensor(b, dim+1, offset+i*p.strides[dim], indent+1)
	}
	return append(b, ']')
}

// appendVector is _vector_str: elements packed per line by the formatter's
// width, continuation lines indented past the bracket.
func (p *printer) appendVector(b []byte, dim, offset, indent int, summarized bool) []byte {
	elementLength := p.f.width + 2
	// max(1, floor((linewidth - indent) / element_length)); Go's division
	// truncates, which differs from floor only below zero, where 1 wins.
	perLine := (p.o.LineWidth - indent) / elementLength
	if perLine < 1 {
		perLine = 1
	}
	n := p.v.Shape[dim]
	e := p.o.EdgeItems
	b = append(b, '[')
	// The items go perLine to a line: ", " between them, and ",\n" and the
	// indent between lines.
	k := 0
	if summarized && e == 0 {
		// self[:0] + [" ..."] + self[-0:], and -0 slices the whole vector.
		b = appendItemSep(b, k, perLine, indent)
		k++
		b = append(b, " ..."...)
	}
	stride := p.strides[dim]
	for i := 0; i < n; i++ {
		b = appendItemSep(b, k, perLine, indent)
		k++
		if summarized && i == e && e > 0 {
			b = append(b, " ..."...)
			i = n - e - 1
			continue
		}
		b = p.appendElement(b, offset+i*stride)
	}
	return append(b, ']')
}

// appendItemSep appends what goes before item k of a vector printed
// perLine items to a line: nothing before the first, ",\n" and the indent
// past the bracket before the first of a line, ", " otherwise.
func appendItemSep(b []byte, k, perLine, indent int) []byte {
	switch {
	case k == 0:
	case k%perLine == 0:
		b = append(b, ",\n"...)
		for range indent + 1 {
			b = append(b, ' ')
		}
	default:
		b = append(b, ", "...)
	}
	return b
}

// element is one value at a flat index, in whichever slice holds it.
type element struct {
	f float64
	i int64
	b bool
}

func (p *printer) element(i int) element {
	switch {
	case p.v.DType.IsFloat():
		return element{f: p.v.Float[i]}
	case p.v.DType == Bool:
		return element{b: p.v.Bool[i]}
	default:
		return element{i: p.v.Int[i]}
	}
}

// appendSliceSep writes what separates two slices of a tensor of rank at
// least 2: a comma, rank-1 newlines, and the indent of the next slice's
// bracket (_tensor_str.py's "," + "\n" * (dim - 1) + " " * (indent + 1)).
func appendSliceSep(b []byte, rank, indent int) []byte {
	b = append(b, ',')
	for range rank - 1 {
		b = append(b, '\n')
	}
	for range indent + 1 {
		b = append(b, ' ')
	}
	return b
}
