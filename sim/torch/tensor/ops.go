package tensor

import (
	"math"
	"slices"
)

// broadcastShapes is PyTorch's broadcasting of two shapes.
func broadcastShapes(a, b []int) ([]int, error) {
	return broadcastShapesIn(nil, a, b)
}

// checkBroadcast is broadcastShapes for its error only.
func checkBroadcast(a, b []int) error {
	var buf [4]int
	_, err := broadcastShapesIn(buf[:0], a, b)
	return err
}

// broadcastShapesIn is broadcastShapes into buf's array when it has room
// (a caller's array on its stack: the result must not outlive the call).
func broadcastShapesIn(buf, a, b []int) ([]int, error) {
	n := max(len(a), len(b))
	var out []int
	if cap(buf) >= n {
		out = buf[:n]
	} else {
		out = make([]int, n)
	}
	// from the last dimension, so the error names the one PyTorch names
	for i := n - 1; i >= 0; i-- {
		x, y := 1, 1
		if j := len(a) - n + i; j >= 0 {
			x = a[j]
		}
		if j := len(b) - n + i; j >= 0 {
			y = b[j]
		}
		switch {
		case x == y, y == 1:
			out[i] = x
		case x == 1:
			out[i] = y
		default:
			return nil, errorf("RuntimeError", "The size of tensor a (%d) must match the size of tensor b (%d) at non-singleton dimension %d", x, y, i)
		}
	}
	return out, nil
}

// expandView is a broadcast view of t to shape (stride 0 on new and size-1
// dimensions). The shape must be broadcast-compatible.
func (t *Tensor) expandView(shape []int) *Tensor {
	if sameShape(t.shape, shape) {
		return t
	}
	n := len(shape)
	v := t.newView(n, t.off)
	copy(v.shape, shape)
	for i := range shape {
		j := len(t.shape) - n + i
		if j >= 0 && t.shape[j] == shape[i] {
			v.strides[i] = t.strides[j]
		}
	}
	return v
}

// expandValues is t.expandValues(shape) without making the view:
// t's values broadcast to shape, in row-major order, in a new slice.
func (t *Tensor) expandValues(shape []int) []float64 {
	if sameShape(t.shape, shape) {
		return t.Values()
	}
	return t.expandInto(make([]float64, numel(shape)), shape)
}

// expandInto writes t's values broadcast to shape into out, which holds
// numel(shape) elements, and returns it.
func (t *Tensor) expandInto(out []float64, shape []int) []float64 {
	n := len(shape)
	var sbuf, ibuf [8]int
	strides, idx := sbuf[:], ibuf[:]
	if n > len(sbuf) {
		strides, idx = make([]int, n), make([]int, n)
	}
	strides, idx = strides[:n], idx[:n]
	for i := range shape {
		if j := len(t.shape) - n + i; j >= 0 && t.shape[j] == shape[i] {
			strides[i] = t.strides[j]
		}
	}
	pos := t.off
	for k := range out {
		out[k] = t.st.Data[pos]
		for d := n - 1; d >= 0; d-- {
			idx[d]++
			pos += strides[d]
			if idx[d] < shape[d] {
				break
			}
			pos -= strides[d] * shape[d]
			idx[d] = 0
		}
	}
	return out
}

// expandVals is expandValues for callers that only read the values: t's
// own memory when it already has the shape and is contiguous.
func (t *Tensor) expandVals(shape []int) []float64 {
	if sameShape(t.shape, shape) {
		return t.vals()
	}
	return t.expandValues(shape)
}

// binaryData applies f elementwise over the broadcast operands, each cast to
// common first, the result rounded to out.
func binaryData(a, b *Tensor, common, out DType, f func(x, y float64) float64) (*Tensor, error) {
	return binaryDataInto(nil, a, b, common, out, f)
}

// binaryDataInto is binaryData writing into dst when it is not nil: an
// in-place op's own tensor, which inPlaceDst chose (contiguous, of the
// result's shape and dtype, each element read before it is written). Its
// bytes are charged as a new tensor's would be, so the memory budget runs
// out where it always did.
func binaryDataInto(dst, a, b *Tensor, common, out DType, f func(x, y float64) float64) (*Tensor, error) {
	var buf [4]int
	shape, err := broadcastShapesIn(buf[:0], a.shape, b.shape)
	if err != nil {
		return nil, err
	}
	c := a.ctx
	if a.wrapped && !b.wrapped {
		c = b.ctx
	}
	var r *Tensor
	var data []float64
	if dst != nil {
		if c.Budget != nil {
			if err := c.Budget.Charge(int64(numel(shape)) * int64(out.ItemSize())); err != nil {
				return nil, err
			}
		}
		r = dst
		data = dst.st.Data[dst.off : dst.off+numel(shape)]
	} else {
		if r, err = Empty(c, out, shape); err != nil {
			return nil, err
		}
		data = r.st.Data
	}
	av, as := operandValues(a, shape)
	bv, bs := operandValues(b, shape)
	for i := range data {
		x, y := as, bs
		if av != nil {
			x = av[i]
		}
		if bv != nil {
			y = bv[i]
		}
		data[i] = out.Round(f(common.Round(x), common.Round(y)))
	}
	return r, nil
}

// operandValues reads a broadcast operand: its row-major values, or (nil
// and) its single value when it has one element.
func operandValues(t *Tensor, shape []int) ([]float64, float64) {
	if t.Numel() == 1 {
		return nil, t.st.Data[t.off]
	}
	if sameShape(t.shape, shape) {
		return t.vals(), 0
	}
	return t.expandValues(shape), 0
}

// sumTo reduces a broadcast gradient back to shape and casts it to dtype.
func sumTo(g *Tensor, shape []int, dtype DType) (*Tensor, error) {
	if !sameShape(g.shape, shape) && numel(shape) == 1 && len(g.shape) >= len(shape) && g.Numel() > 0 && !needsGrad(g) {
		// every element into one (a bias's gradient): what SumDims and
		// Reshape below make, without their geometry
		out := sumOutDType(g.dtype)
		s, err := Empty(g.ctx, out, shape)
		if err != nil {
			return nil, err
		}
		s.st.Data[0] = sumAll(g, out)
		g = s
	} else if !sameShape(g.shape, shape) {
		lead := len(g.shape) - len(shape)
		var dims []int
		for i := range g.shape {
			if i < lead || (shape[i-lead] == 1 && g.shape[i] != 1) {
				dims = append(dims, i)
			}
		}
		s, err := SumDims(g, dims, true, nil)
		if err != nil {
			return nil, err
		}
		if lead > 0 {
			if s, err = s.Reshape(shape); err != nil {
				return nil, err
			}
		}
		g = s
	}
	if g.dtype != dtype {
		return g.To(dtype)
	}
	return g, nil
}

// grads is what a backward function returns: one gradient per input, nil
// where an input needs none. The list is the context's scratch array, not
// an allocation of its own: backward functions return it at once, and
// Backward reads it before it calls the next one.
func grads(gs ...*Tensor) []*Tensor {
	for _, g := range gs {
		if g == nil {
			continue
		}
		if buf := &g.ctx.gradBuf; len(gs) <= len(buf) {
			n := copy(buf[:], gs)
			return buf[:n:n]
		}
		break
	}
	return slices.Clone(gs) // (gs itself would escape to the heap at every call)
}

// Add is a + alpha*b (torch.add). The product and sum round once, as the
// fused multiply-add in PyTorch's vectorised kernel does.
func Add(a, b *Tensor, alpha float64) (*Tensor, error) { return add(nil, a, b, alpha) }

// add is Add into dst (see binaryDataInto) when it is not nil.
func add(dst, a, b *Tensor, alpha float64) (*Tensor, error) {
	dt := ResultType(a, b)
	if dt == Bool && alpha != 1 {
		return nil, errorf("RuntimeError", "Boolean alpha only supported for Boolean results.")
	}
	al := dt.Round(alpha)
	r, err := binaryDataInto(dst, a, b, dt, dt, func(x, y float64) float64 {
		if dt == Bool {
			return x + y
		}
		return math.FMA(al, y, x)
	})
	if err != nil {
		return nil, err
	}
	if needsGrad(a, b) {
		record("AddBackward0", r, []*Tensor{a, b}, false, func(g *Tensor) ([]*Tensor, error) {
			ga, err := sumTo(g, a.shape, a.dtype)
			if err != nil {
				return nil, err
			}
			gb := g
			if alpha != 1 {
				if gb, err = MulScalar(g, alpha); err != nil {
					return nil, err
				}
			}
			gb, err = sumTo(gb, b.shape, b.dtype)
			return grads(ga, gb), err
		})
	}
	return r, nil
}

// Sub is a - alpha*b.
func Sub(a, b *Tensor, alpha float64) (*Tensor, error) { return sub(nil, a, b, alpha) }

// sub is Sub into dst (see binaryDataInto) when it is not nil.
func sub(dst, a, b *Tensor, alpha float64) (*Tensor, error) {
	dt := ResultType(a, b)
	if dt == Bool {
		return nil, errorf("RuntimeError", "Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead.")
	}
	al := dt.Round(alpha)
	r, err := binaryDataInto(dst, a, b, dt, dt, func(x, y float64) float64 { return math.FMA(-al, y, x) })
	if err != nil {
		return nil, err
	}
	if needsGrad(a, b) {
		record("SubBackward0", r, []*Tensor{a, b}, false, func(g *Tensor) ([]*Tensor, error) {
			ga, err := sumTo(g, a.shape, a.dtype)
			if err != nil {
				return nil, err
			}
			gb, err := MulScalar(g, -alpha)
			if err != nil {
				return nil, err
			}
			gb, err = sumTo(gb, b.shape, b.dtype)
			return grads(ga, gb), err
		})
	}
	return r, nil
}

// Rsub is other - a for a Python number other (torch.rsub).
func Rsub(a *Tensor, other *Tensor) (*Tensor, error) {
	dt := ResultType(a, other)
	r, err := binaryData(other, a, dt, dt, func(x, y float64) float64 { return x - y })
	if err != nil {
		return nil, err
	}
	if needsGrad(a) {
		record("RsubBackward1", r, []*Tensor{a}, false, func(g *Tensor) ([]*Tensor, error) {
			ga, err := Neg(g)
			if err != nil {
				return nil, err
			}
			ga, err = sumTo(ga, a.shape, a.dtype)
			return grads(ga), err
		})
	}
	return r, nil
}

// MulScalar multiplies by a Python number without recording history.
func MulScalar(t *Tensor, s float64) (*Tensor, error) {
	return binaryData(t, Scalar(t.ctx, Float64, s), t.dtype, t.dtype, func(x, y float64) float64 { return x * y })
}

// Mul is a * b.
func Mul(a, b *Tensor) (*Tensor, error) { return mul(nil, a, b) }

// mul is Mul into dst (see binaryDataInto) when it is not nil.
func mul(dst, a, b *Tensor) (*Tensor, error) {
	dt := ResultType(a, b)
	r, err := binaryDataInto(dst, a, b, dt, dt, func(x, y float64) float64 {
		if dt.IsInt() {
			return float64(int64(x) * int64(y)) // wraps as int64 does
		}
		return x * y
	})
	if err != nil {
		return nil, err
	}
	if needsGrad(a, b) {
		record("MulBackward0", r, []*Tensor{a, b}, true, func(g *Tensor) ([]*Tensor, error) {
			var ga, gb *Tensor
			var err error
			if a.requiresGrad {
				if ga, err = Mul(g, b.conjForGrad()); err != nil {
					return nil, err
				}
				if ga, err = sumTo(ga, a.shape, a.dtype); err != nil {
					return nil, err
				}
			}
			if b.requiresGrad {
				if gb, err = Mul(g, a.conjForGrad()); err != nil {
					return nil, err
				}
				if gb, err = sumTo(gb, b.shape, b.dtype); err != nil {
					return nil, err
				}
			}
			return grads(ga, gb), nil
		})
	}
	return r, nil
}

// conjForGrad is the saved operand t as backward uses it: a detached
// alias, unless autograd is off (as it is in every backward pass), when
// nothing can record t's history and the alias would be made for nothing.
func (t *Tensor) conjForGrad() *Tensor {
	if !t.ctx.GradEnabled {
		return t
	}
	d := t.Detach()
	d.wrapped = t.wrapped
	return d
}

// Div is true division a / b; integers divide as floats.
func Div(a, b *Tensor) (*Tensor, error) {
	dt := ResultType(a, b)
	if !dt.IsFloat() {
		dt = Float32
	}
	r, err := binaryData(a, b, dt, dt, func(x, y float64) float64 { return x / y })
	if err != nil {
		return nil, err
	}
	if needsGrad(a, b) {
		record("DivBackward0", r, []*Tensor{a, b}, true, func(g *Tensor) ([]*Tensor, error) {
			var ga, gb *Tensor
			var err error
			bd := b.conjForGrad()
			if a.requiresGrad {
				if ga, err = Div(g, bd); err != nil {
					return nil, err
				}
				if ga, err = sumTo(ga, a.shape, a.dtype); err != nil {
					return nil, err
				}
			}
			if b.requiresGrad {
				// -grad * ((self / other) / other)
				q, err := Div(a.conjForGrad(), bd)
				if err != nil {
					return nil, err
				}
				if q, err = Div(q, bd); err != nil {
					return nil, err
				}
				ng, err := Neg(g)
				if err != nil {
					return nil, err
				}
				if gb, err = Mul(ng, q); err != nil {
					return nil, err
				}
				if gb, err = sumTo(gb, b.shape, b.dtype); err != nil {
					return nil, err
				}
			}
			return grads(ga, gb), nil
		})
	}
	return r, nil
}

// FloorDivide is a // b.
func FloorDivide(a, b *Tensor) (*Tensor, error) {
	dt := ResultType(a, b)
	if !dt.IsFloat() {
		bv := b.Values()
		for _, v := range bv {
			if v == 0 {
				return nil, errorf("RuntimeError", "ZeroDivisionError")
			}
		}
	}
	return binaryData(a, b, dt, dt, func(x, y float64) float64 { return math.Floor(x / y) })
}

// Remainder is a % b with Python's sign rule.
func Remainder(a, b *Tensor) (*Tensor, error) {
	dt := ResultType(a, b)
	if !dt.IsFloat() {
		for _, v := range b.Values() {
			if v == 0 {
				return nil, errorf("RuntimeError", "ZeroDivisionError")
			}
		}
	}
	return binaryData(a, b, dt, dt, func(x, y float64) float64 {
		m := math.Mod(x, y)
		if m != 0 && (m < 0) != (y < 0) {
			m += y
		}
		return m
	})
}

// Pow is a ** b. A Python-number exponent records PowBackward0, a tensor
// exponent PowBackward1.
func Pow(a, b *Tensor) (*Tensor, error) {
	dt := ResultType(a, b)
	if !dt.IsFloat() {
		for _, v := range b.Values() {
			if v < 0 {
				return nil, errorf("RuntimeError", "Integers to negative integer powers are not allowed.")
			}
		}
	}
	r, err := binaryData(a, b, dt, dt, func(x, y float64) float64 {
		if !dt.IsFloat() {
			return float64(intPow(int64(x), int64(y)))
		}
		// pow_tensor_scalar's special cases, each computed as ATen does
		switch y {
		case 2:
			return x * x
		case 3:
			return dt.Round(x*x) * x
		case 0.5:
			return math.Sqrt(x)
		case -0.5:
			return 1 / dt.Round(math.Sqrt(x))
		case -1:
			return 1 / x
		case -2:
			return 1 / dt.Round(x*x)
		}
		return math.Pow(x, y)
	})
	if err != nil {
		return nil, err
	}
	if b.wrapped {
		e := b.st.Data[b.off]
		if needsGrad(a) {
			record("PowBackward0", r, []*Tensor{a}, true, func(g *Tensor) ([]*Tensor, error) {
				if e == 0 {
					z, err := Full(g.ctx, a.dtype, a.shape, 0)
					return grads(z), err
				}
				// grad * (exponent * self.pow(exponent - 1))
				p, err := Pow(a.conjForGrad(), Scalar(a.ctx, Float64, e-1))
				if err != nil {
					return nil, err
				}
				if p, err = MulScalar(p, e); err != nil {
					return nil, err
				}
				ga, err := Mul(g, p)
				if err != nil {
					return nil, err
				}
				ga, err = sumTo(ga, a.shape, a.dtype)
				return grads(ga), err
			})
		}
		return r, nil
	}
	if needsGrad(a, b) {
		record("PowBackward1", r, []*Tensor{a, b}, true, func(g *Tensor) ([]*Tensor, error) {
			var ga, gb *Tensor
			ad, bd := a.conjForGrad(), b.conjForGrad()
			if a.requiresGrad {
				one := Scalar(a.ctx, Float64, 1)
				bm1, err := Sub(bd, one, 1)
				if err != nil {
					return nil, err
				}
				p, err := Pow(ad, bm1)
				if err != nil {
					return nil, err
				}
				if p, err = Mul(bd, p); err != nil {
					return nil, err
				}
				if ga, err = Mul(g, p); err != nil {
					return nil, err
				}
				if ga, err = sumTo(ga, a.shape, a.dtype); err != nil {
					return nil, err
				}
			}
			if b.requiresGrad {
				la, err := Log(ad)
				if err != nil {
					return nil, err
				}
				p, err := Mul(r.conjForGrad(), la)
				if err != nil {
					return nil, err
				}
				if gb, err = Mul(g, p); err != nil {
					return nil, err
				}
				if gb, err = sumTo(gb, b.shape, b.dtype); err != nil {
					return nil, err
				}
			}
			return grads(ga, gb), nil
		})
	}
	return r, nil
}

// Comparison names the six comparison operators.
type Comparison int

// The comparisons, in Python's operator order.
const (
	Eq Comparison = iota
	Ne
	Lt
	Le
	Gt
	Ge
)

// Compare is an elementwise comparison giving a bool tensor.
func Compare(op Comparison, a, b *Tensor) (*Tensor, error) {
	dt := ResultType(a, b)
	return binaryData(a, b, dt, Bool, func(x, y float64) float64 {
		var ok bool
		switch op {
		case Eq:
			ok = x == y
		case Ne:
			ok = x != y
		case Lt:
			ok = x < y
		case Le:
			ok = x <= y
		case Gt:
			ok = x > y
		case Ge:
			ok = x >= y
		}
		if ok {
			return 1
		}
		return 0
	})
}

// Logical combines two tensors with and (op '&'), or ('|') or xor ('^'):
// bitwise for integers, logical for bools.
func Logical(op byte, a, b *Tensor) (*Tensor, error) {
	dt := ResultType(a, b)
	if dt.IsFloat() {
		return nil, errorf("RuntimeError", "\"bitwise_%s_cpu\" not implemented for '%s'", map[byte]string{'&': "and", '|': "or", '^': "xor"}[op], typeName(dt))
	}
	return binaryData(a, b, dt, dt, func(x, y float64) float64 {
		xi, yi := int64(x), int64(y)
		switch op {
		case '&':
			return float64(xi & yi)
		case '|':
			return float64(xi | yi)
		}
		return float64(xi ^ yi)
	})
}

// typeName is the C++ scalar type name PyTorch uses in kernel errors.
func typeName(d DType) string {
	switch d {
	case Float32:
		return "Float"
	case Float64:
		return "Double"
	case Float16:
		return "Half"
	case BFloat16:
		return "BFloat16"
	case Int64:
		return "Long"
	case Int32:
		return "Int"
	case Int16:
		return "Short"
	case Int8:
		return "Char"
	case UInt8:
		return "Byte"
	}
	return "Bool"
}

// TypeName is the C++ scalar type name ("Float", "Long") used in errors.
func TypeName(d DType) string { return typeName(d) }

// Maximum is torch.maximum.
func Maximum(a, b *Tensor) (*Tensor, error) {
	dt := ResultType(a, b)
	return binaryData(a, b, dt, dt, func(x, y float64) float64 {
		if x != x || y != y {
			return math.NaN()
		}
		return math.Max(x, y)
	})
}

// Minimum is torch.minimum.
func Minimum(a, b *Tensor) (*Tensor, error) {
	dt := ResultType(a, b)
	return binaryData(a, b, dt, dt, func(x, y float64) float64 {
		if x != x || y != y {
			return math.NaN()
		}
		return math.Min(x, y)
	})
}

// unary applies f to every element, the result in dtype out.
func unary(t *Tensor, out DType, f func(x float64) float64) (*Tensor, error) {
	r, err := Empty(t.ctx, out, t.shape)
	if err != nil {
		return nil, err
	}
	for i, v := range t.vals() {
		r.st.Data[i] = out.Round(f(v))
	}
	return r, nil
}

func floatOut(d DType) DType {
	if d.IsFloat() {
		return d
	}
	return Float32
}

// Neg is -t.
func Neg(t *Tensor) (*Tensor, error) {
	if t.dtype == Bool {
		return nil, errorf("RuntimeError", "Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.")
	}
	r, err := unary(t, t.dtype, func(x float64) float64 { return -x })
	if err != nil {
		return nil, err
	}
	if needsGrad(t) {
		record("NegBackward0", r, []*Tensor{t}, false, func(g *Tensor) ([]*Tensor, error) {
			n, err := Neg(g)
			return grads(n), err
		})
	}
	return r, nil
}

// Exp is torch.exp.
func Exp(t *Tensor) (*Tensor, error) {
	r, err := unary(t, floatOut(t.dtype), expFunc(floatOut(t.dtype)))
	if err != nil {
		return nil, err
	}
	if needsGrad(t) {
		record("ExpBackward0", r, []*Tensor{t}, true, func(g *Tensor) ([]*Tensor, error) {
			m, err := Mul(g, r.conjForGrad())
			return grads(m), err
		})
	}
	return r, nil
}

// Log is torch.log.
func Log(t *Tensor) (*Tensor, error) {
	r, err := unary(t, floatOut(t.dtype), logFunc(floatOut(t.dtype)))
	if err != nil {
		return nil, err
	}
	if needsGrad(t) {
		record("LogBackward0", r, []*Tensor{t}, true, func(g *Tensor) ([]*Tensor, error) {
			m, err := Div(g, t.conjForGrad())
			return grads(m), err
		})
	}
	return r, nil
}

// Sqrt is torch.sqrt.
func Sqrt(t *Tensor) (*Tensor, error) {
	r, err := unary(t, floatOut(t.dtype), math.Sqrt)
	if err != nil {
		return nil, err
	}
	if needsGrad(t) {
		record("SqrtBackward0", r, []*Tensor{t}, true, func(g *Tensor) ([]*Tensor, error) {
			// grad / (2 * result)
			two, err := MulScalar(r.conjForGrad(), 2)
			if err != nil {
				return nil, err
			}
			m, err := Div(g, two)
			return grads(m), err
		})
	}
	return r, nil
}

func sign(x float64) float64 {
	switch {
	case x > 0:
		return 1
	case x < 0:
		return -1
	}
	return 0
}

// Abs is torch.abs.
func Abs(t *Tensor) (*Tensor, error) {
	r, err := unary(t, t.dtype, math.Abs)
	if err != nil {
		return nil, err
	}
	if needsGrad(t) {
		record("AbsBackward0", r, []*Tensor{t}, true, func(g *Tensor) ([]*Tensor, error) {
			s, err := unary(t, t.dtype, sign)
			if err != nil {
				return nil, err
			}
			m, err := Mul(g, s)
			return grads(m), err
		})
	}
	return r, nil
}

// Relu is torch.relu.
func Relu(t *Tensor) (*Tensor, error) {
	r, err := unary(t, t.dtype, func(x float64) float64 {
		if x > 0 || x != x {
			return x
		}
		return 0
	})
	if err != nil {
		return nil, err
	}
	if needsGrad(t) {
		record("ReluBackward0", r, []*Tensor{t}, true, func(g *Tensor) ([]*Tensor, error) {
			mask, err := unary(r, g.dtype, func(x float64) float64 {
				if x > 0 {
					return 1
				}
				return 0
			})
			if err != nil {
				return nil, err
			}
			m, err := binaryData(g, mask, g.dtype, g.dtype, func(x, y float64) float64 {
				if y == 0 {
					return 0
				}
				return x
			})
			return grads(m), err
		})
	}
	return r, nil
}

// Tanh is torch.tanh.
func Tanh(t *Tensor) (*Tensor, error) {
	r, err := unary(t, floatOut(t.dtype), tanhFunc(floatOut(t.dtype)))
	if err != nil {
		return nil, err
	}
	if needsGrad(t) {
		record("TanhBackward0", r, []*Tensor{t}, true, func(g *Tensor) ([]*Tensor, error) {
			// grad * (1 - y*y)
			y := r.conjForGrad()
			// a * (1 - b*b), the inner multiply-add fused as the AVX2 kernel
			// compiles it
			m, err := binaryData(g, y, y.dtype, y.dtype, func(gv, yv float64) float64 {
				d := y.dtype
				return gv * d.Round(math.FMA(-yv, yv, 1))
			})
			return grads(m), err
		})
	}
	return r, nil
}

// Sigmoid is torch.sigmoid, computed as 1 / (1 + exp(-x)) in the tensor's
// precision.
func Sigmoid(t *Tensor) (*Tensor, error) {
	out := floatOut(t.dtype)
	exp := expFunc(out)
	r, err := unary(t, out, func(x float64) float64 {
		e := out.Round(exp(-x))
		return 1 / out.Round(1+e)
	})
	if err != nil {
		return nil, err
	}
	if needsGrad(t) {
		record("SigmoidBackward0", r, []*Tensor{t}, true, func(g *Tensor) ([]*Tensor, error) {
			// grad * (1 - y) * y
			y := r.conjForGrad()
			d := y.dtype
			m, err := binaryData(g, y, d, d, func(gv, yv float64) float64 {
				return d.Round(gv*d.Round(1-yv)) * yv
			})
			return grads(m), err
		})
	}
	return r, nil
}

// Clamp is torch.clamp with optional bounds (nil means none).
func Clamp(t *Tensor, lo, hi *float64) (*Tensor, error) {
	if lo == nil && hi == nil {
		return nil, errorf("RuntimeError", "torch.clamp: At least one of 'min' or 'max' must not be None")
	}
	r, err := unary(t, t.dtype, func(x float64) float64 {
		if x != x {
			return x
		}
		if lo != nil && x < t.dtype.Round(*lo) {
			x = t.dtype.Round(*lo)
		}
		if hi != nil && x > t.dtype.Round(*hi) {
			x = t.dtype.Round(*hi)
		}
		return x
	})
	if err != nil {
		return nil, err
	}
	if needsGrad(t) {
		record("ClampBackward1", r, []*Tensor{t}, true, func(g *Tensor) ([]*Tensor, error) {
			mask, err := unary(t, g.dtype, func(x float64) float64 {
				if (lo != nil && x < *lo) || (hi != nil && x > *hi) {
					return 0
				}
				return 1
			})
			if err != nil {
				return nil, err
			}
			m, err := Mul(g, mask)
			return grads(m), err
		})
	}
	return r, nil
}

// LogicalNot is ~ on a bool tensor, bitwise not on integers.
func LogicalNot(t *Tensor) (*Tensor, error) {
	if t.dtype.IsFloat() {
		return nil, errorf("TypeError", "~ (operator.invert) is only implemented on integer and Boolean-type tensors")
	}
	return unary(t, t.dtype, func(x float64) float64 {
		if t.dtype == Bool {
			return 1 - x
		}
		return float64(^int64(x))
	})
}

// Where is torch.where(cond, a, b), recorded as WhereBackward0.
func Where(cond, a, b *Tensor) (*Tensor, error) {
	if cond.dtype != Bool && cond.dtype != UInt8 {
		return nil, errorf("RuntimeError", "where expected condition to be a boolean tensor, but got a tensor with dtype %s", typeName(cond.dtype))
	}
	shape, err := broadcastShapes(a.shape, b.shape)
	if err != nil {
		return nil, err
	}
	if shape, err = broadcastShapes(cond.shape, shape); err != nil {
		return nil, err
	}
	dt := ResultType(a, b)
	cv := cond.expandValues(shape)
	av := a.expandValues(shape)
	bv := b.expandValues(shape)
	out := make([]float64, len(cv))
	for i := range cv {
		if cv[i] != 0 {
			out[i] = av[i]
		} else {
			out[i] = bv[i]
		}
	}
	r, err := FromValues(a.ctx, dt, shape, out)
	if err != nil {
		return nil, err
	}
	if needsGrad(a, b) {
		record("WhereBackward0", r, []*Tensor{a, b}, true, func(g *Tensor) ([]*Tensor, error) {
			gv := g.Values()
			ga := make([]float64, len(gv))
			gb := make([]float64, len(gv))
			for i := range gv {
				if cv[i] != 0 {
					ga[i] = gv[i]
				} else {
					gb[i] = gv[i]
				}
			}
			x, err := FromValues(g.ctx, g.dtype, shape, ga)
			if err != nil {
				return nil, err
			}
			y, err := FromValues(g.ctx, g.dtype, shape, gb)
			if err != nil {
				return nil, err
			}
			if x, err = sumTo(x, a.shape, a.dtype); err != nil {
				return nil, err
			}
			y, err = sumTo(y, b.shape, b.dtype)
			return grads(x, y), err
		})
	}
	return r, nil
}

// Sin is torch.sin.
func Sin(t *Tensor) (*Tensor, error) {
	r, err := unary(t, floatOut(t.dtype), math.Sin)
	if err != nil {
		return nil, err
	}
	if needsGrad(t) {
		record("SinBackward0", r, []*Tensor{t}, true, func(g *Tensor) ([]*Tensor, error) {
			c, err := unary(t, g.dtype, math.Cos)
			if err != nil {
				return nil, err
			}
			m, err := Mul(g, c)
			return grads(m), err
		})
	}
	return r, nil
}

// Cos is torch.cos.
func Cos(t *Tensor) (*Tensor, error) {
	r, err := unary(t, floatOut(t.dtype), math.Cos)
	if err != nil {
		return nil, err
	}
	if needsGrad(t) {
		record("CosBackward0", r, []*Tensor{t}, true, func(g *Tensor) ([]*Tensor, error) {
			s, err := unary(t, g.dtype, func(x float64) float64 { return -math.Sin(x) })
			if err != nil {
				return nil, err
			}
			m, err := Mul(g, s)
			return grads(m), err
		})
	}
	return r, nil
}

// DivScalar is ATen's div(Tensor, Scalar), which composite ops use
// internally; it records DivBackward1 (a Python `t / 2` records
// DivBackward0).
func DivScalar(t *Tensor, s float64) (*Tensor, error) {
	r, err := Div(t, Scalar(t.ctx, Float64, s))
	if err != nil {
		return nil, err
	}
	if n := r.gradFn(); n != nil {
		n.name = "DivBackward1"
	}
	return r, nil
}

// intPow is integer exponentiation with int64 wraparound, as PyTorch's
// integer pow kernel computes it.
func intPow(base, exp int64) int64 {
	result := int64(1)
	for exp > 0 {
		if exp&1 == 1 {
			result *= base
		}
		base *= base
		exp >>= 1
	}
	return result
}

// Reciprocal is torch.reciprocal (1/x), recorded as ReciprocalBackward0.
func Reciprocal(t *Tensor) (*Tensor, error) {
	r, err := unary(t, floatOut(t.dtype), func(x float64) float64 { return 1 / x })
	if err != nil {
		return nil, err
	}
	if needsGrad(t) {
		record("ReciprocalBackward0", r, []*Tensor{t}, true, func(g *Tensor) ([]*Tensor, error) {
			// -grad * (result * result)
			y := r.conjForGrad()
			sq, err := Mul(y, y)
			if err != nil {
				return nil, err
			}
			ng, err := Neg(g)
			if err != nil {
				return nil, err
			}
			m, err := Mul(ng, sq)
			return grads(m), err
		})
	}
	return r, nil
}
