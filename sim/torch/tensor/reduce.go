package tensor

import (
	"math"
	"math/bits"
)

// The summation below follows aten/src/ATen/native/cpu/SumKernel.cpp with
// AVX2 vectors (8 floats, 4 doubles): sums print differently in the last
// bit when added in another order, and a learner's loss is a sum.

const ilpFactor = 4

// cascadeRows is multi_row_sum for one row: chunked accumulation in levels
// so that only numbers of similar magnitude meet.
func cascadeRows(load func(i int) float64, size int, round func(float64) float64) float64 {
	const numLevels = 4
	levelPower := 4
	if size > 1 {
		if p := ceilLog2(size) / numLevels; p > levelPower {
			levelPower = p
		}
	}
	levelStep := 1 << levelPower
	levelMask := levelStep - 1
	var acc [numLevels]float64
	i := 0
	for i+levelStep <= size {
		for j := 0; j < levelStep; j, i = j+1, i+1 {
			acc[0] = round(acc[0] + load(i))
		}
		for j := 1; j < numLevels; j++ {
			acc[j] = round(acc[j] + acc[j-1])
			acc[j-1] = 0
			if i&(levelMask<<(j*levelPower)) != 0 {
				break
			}
		}
	}
	for ; i < size; i++ {
		acc[0] = round(acc[0] + load(i))
	}
	for j := 1; j < numLevels; j++ {
		acc[0] = round(acc[0] + acc[j])
	}
	return acc[0]
}

func ceilLog2(x int) int {
	if x <= 2 {
		return x - 1
	}
	return bits.Len(uint(x - 1))
}

// rowSum is row_sum: the row seen as (-1, 4), its four partial sums
// cascaded, the tail added to the first, then the partials combined.
func rowSum(load func(i int) float64, size int, round func(float64) float64) float64 {
	sizeILP := size / ilpFactor
	var partial [ilpFactor]float64
	for k := 0; k < ilpFactor; k++ {
		k := k
		partial[k] = cascadeRows(func(i int) float64 { return load(i*ilpFactor + k) }, sizeILP, round)
	}
	for i := sizeILP * ilpFactor; i < size; i++ {
		partial[0] = round(partial[0] + load(i))
	}
	for k := 1; k < ilpFactor; k++ {
		partial[0] = round(partial[0] + partial[k])
	}
	return partial[0]
}

// innerSum is vectorized_inner_sum over one contiguous row: lanes of width
// w summed with rowSum, the scalar tail summed first, then the lanes added.
func innerSum(v []float64, w int, round func(float64) float64) float64 {
	vecSize := len(v) / w
	if vecSize == 0 {
		// the tail alone (a bias's gradient), then the w lanes of +0: the
		// first turns a sum of -0 into +0, the others change nothing
		final := 0.0
		for _, x := range v {
			final = round(final + x)
		}
		return round(final + 0)
	}
	var buf [16]float64
	lanes := buf[:0]
	if w > len(buf) {
		lanes = make([]float64, 0, w)
	}
	lanes = lanes[:w] // each +0, what rowSum gives for a row shorter than w
	if vecSize > 0 {
		for l := 0; l < w; l++ {
			l := l
			lanes[l] = rowSum(func(i int) float64 { return v[i*w+l] }, vecSize, round)
		}
	}
	final := 0.0
	for k := vecSize * w; k < len(v); k++ {
		final = round(final + v[k])
	}
	for _, p := range lanes {
		final = round(final + p)
	}
	return final
}

// sumAll is the sum of all of t's elements in dtype out, as SumDims sums
// them into one value: one contiguous run, which is an inner reduction.
func sumAll(t *Tensor, out DType) float64 {
	var small [16]float64 // a small tensor's run, on the stack
	g := small[:0]
	if n := t.Numel(); n > len(small) {
		g = make([]float64, 0, n)
	}
	g = append(g, t.vals()...)
	return sumRounded(g, out)
}

// sumRounded is sumAll of the values g, which it rounds to out in place.
func sumRounded(g []float64, out DType) float64 {
	for i := range g {
		g[i] = out.Round(g[i])
	}
	round, w := accRound(out)
	var s float64
	if w == 1 {
		for _, x := range g {
			s += x
		}
	} else {
		s = innerSum(g, w, round)
	}
	return out.Round(s)
}

// sumAccDType is the dtype a sum of d accumulates and returns in.
func sumOutDType(d DType) DType {
	if d == Bool || d.IsInt() {
		return Int64
	}
	return d
}

func accRound(d DType) (func(float64) float64, int) {
	switch d {
	case Float64:
		return func(x float64) float64 { return x }, 4
	case Float32, Float16, BFloat16:
		return func(x float64) float64 { return float64(float32(x)) }, 8
	}
	return func(x float64) float64 { return x }, 1
}

// reduceGeometry splits t's shape into kept and reduced dimensions.
func reduceDims(t *Tensor, dims []int) ([]bool, error) {
	red := make([]bool, t.Dim())
	if len(dims) == 0 {
		for i := range red {
			red[i] = true
		}
		return red, nil
	}
	for _, d := range dims {
		w, err := wrapDim(d, t.Dim())
		if err != nil {
			return nil, err
		}
		if t.Dim() == 0 {
			continue
		}
		if red[w] {
			return nil, errorf("RuntimeError", "dim %d appears multiple times in the list of dims", w)
		}
		red[w] = true
	}
	return red, nil
}

// groups returns, for each output element in row-major order, the
// row-major input values reduced into it, and the output shape.
func groups(t *Tensor, red []bool, keepdim bool) ([][]float64, []int) {
	outShape := make([]int, 0, len(t.shape))
	nOut := 1 // the number of kept elements
	for i, s := range t.shape {
		if red[i] {
			if keepdim {
				outShape = append(outShape, 1)
			}
		} else {
			outShape = append(outShape, s)
			nOut *= s
		}
	}
	out := make([][]float64, nOut)
	vals := t.vals()
	if nOut > 0 && len(vals) > 0 {
		// every group gets len(vals)/nOut values: share one array
		size := len(vals) / nOut
		flat := make([]float64, len(vals))
		for o := range out {
			out[o] = flat[o*size : o*size : (o+1)*size]
		}
	}
	nd := t.Dim()
	var ibuf [8]int
	idx := ibuf[:0]
	if nd > len(ibuf) {
		idx = make([]int, 0, nd)
	}
	idx = idx[:nd]
	for _, v := range vals {
		o := 0
		for d := 0; d < nd; d++ {
			if !red[d] {
				o = o*t.shape[d] + idx[d]
			}
		}
		out[o] = append(out[o], v)
		for d := nd - 1; d >= 0; d-- {
			idx[d]++
			if idx[d] < t.shape[d] {
				break
			}
			idx[d] = 0
		}
	}
	return out, outShape
}

// isInnerReduction reports whether, ignoring size-1 dimensions, every
// reduced dimension comes after every kept one (so each output reduces a
// contiguous run, the "inner" kernel).
func isInnerReduction(t *Tensor, red []bool) (inner bool, keptCount int) {
	seenReduced := false
	inner = true
	keptCount = 1
	for i, s := range t.shape {
		if s == 1 {
			continue
		}
		if red[i] {
			seenReduced = true
		} else {
			keptCount *= s
			if seenReduced {
				inner = false
			}
		}
	}
	return inner, keptCount
}

// SumDims is sum(dim, keepdim, dtype); empty dims means all.
func SumDims(t *Tensor, dims []int, keepdim bool, dtype *DType) (*Tensor, error) {
	out := sumOutDType(t.dtype)
	if dtype != nil {
		out = *dtype
	}
	if len(dims) == 0 && !keepdim {
		// everything into one value
		r, err := Empty(t.ctx, out, []int{})
		if err != nil {
			return nil, err
		}
		r.st.Data[0] = sumAll(t, out)
		if needsGrad(t) {
			red, _ := reduceDims(t, nil) // (no dims, no error)
			recordReduceExpand("SumBackward0", t, r, red, keepdim, 0)
		}
		return r, nil
	}
	red, err := reduceDims(t, dims)
	if err != nil {
		return nil, err
	}
	gs, shape := groups(t, red, keepdim)
	round, w := accRound(out)
	inner, kept := isInnerReduction(t, red)
	r, err := Empty(t.ctx, out, shape)
	if err != nil {
		return nil, err
	}
	for o, g := range gs {
		for i := range g {
			g[i] = out.Round(g[i])
		}
		var s float64
		switch {
		case w == 1:
			for _, x := range g {
				s += x
			}
		case inner:
			s = innerSum(g, w, round)
		case o < kept/(4*w)*(4*w):
			s = cascadeRows(func(i int) float64 { return g[i] }, len(g), round)
		default:
			s = rowSum(func(i int) float64 { return g[i] }, len(g), round)
		}
		r.st.Data[o] = out.Round(s)
	}
	name := "SumBackward1"
	if len(dims) == 0 {
		name = "SumBackward0"
	}
	recordReduceExpand(name, t, r, red, keepdim, 0)
	return r, nil
}

// unreduce puts back the dimensions a reduction without keepdim removed
// (size 1), so a gradient of the result broadcasts over the input.
func unreduce(g *Tensor, red []bool, keepdim bool) (*Tensor, error) {
	if keepdim {
		return g, nil
	}
	var err error
	for d := range red {
		if red[d] {
			if g, err = g.Unsqueeze(d); err != nil {
				return nil, err
			}
		}
	}
	return g, nil
}

// recordReduceExpand records a reduction whose gradient is the output's
// gradient broadcast back over the reduced dimensions (divided by n when
// n is not zero, for mean).
func recordReduceExpand(name string, in, out *Tensor, red []bool, keepdim bool, n int) {
	if needsGrad(in) {
		shape := append([]int(nil), in.shape...)
		record(name, out, []*Tensor{in}, false, func(g *Tensor) ([]*Tensor, error) {
			var err error
			if g, err = unreduce(g, red, keepdim); err != nil {
				return nil, err
			}
			e, err := FromValues(g.ctx, g.dtype, shape, g.expandVals(shape))
			if err != nil {
				return nil, err
			}
			if n != 0 {
				if e, err = Div(e, Scalar(g.ctx, Int64, float64(n))); err != nil {
					return nil, err
				}
			}
			return grads(e), nil
		})
	}
}

// Mean is mean(dim, keepdim): the sum divided by the count.
func Mean(t *Tensor, dims []int, keepdim bool, dtype *DType) (*Tensor, error) {
	dt := t.dtype
	if dtype != nil {
		dt = *dtype
	}
	if !dt.IsFloat() {
		return nil, errorf("RuntimeError", "mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: %s", typeName(dt))
	}
	var red []bool // made only when needed: a loss's mean needs none
	n := t.Numel()
	if len(dims) > 0 {
		var err error
		if red, err = reduceDims(t, dims); err != nil {
			return nil, err
		}
		n = 1
		for i, r := range red {
			if r {
				n *= t.shape[i]
			}
		}
	}
	saved := t.ctx.GradEnabled
	t.ctx.GradEnabled = false
	s, err := SumDims(t, dims, keepdim, &dt)
	t.ctx.GradEnabled = saved
	if err != nil {
		return nil, err
	}
	for i, v := range s.st.Data {
		s.st.Data[i] = dt.Round(v / float64(n))
	}
	name := "MeanBackward1"
	if len(dims) == 0 {
		name = "MeanBackward0"
	}
	if needsGrad(t) {
		if red == nil {
			red, _ = reduceDims(t, nil) // (no dims, no error)
		}
		recordReduceExpand(name, t, s, red, keepdim, n)
	}
	return s, nil
}

// MaxAll is max() / min() over every element (want max when isMax).
func MaxAll(t *Tensor, isMax bool) (*Tensor, error) {
	name := "max"
	if !isMax {
		name = "min"
	}
	if t.Numel() == 0 {
		return nil, errorf("RuntimeError", "%s(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument.", name)
	}
	vals := t.Values()
	best := vals[0]
	for _, v := range vals[1:] {
		if v != v || best != best {
			best = math.NaN()
			continue
		}
		if (isMax && v > best) || (!isMax && v < best) {
			best = v
		}
	}
	r, err := FromValues(t.ctx, t.dtype, []int{}, []float64{best})
	if err != nil {
		return nil, err
	}
	bwName := "MaxBackward1"
	if !isMax {
		bwName = "MinBackward1"
	}
	if needsGrad(t) {
		record(bwName, r, []*Tensor{t}, true, func(g *Tensor) ([]*Tensor, error) {
			// the gradient is shared evenly among the tied extremes
			count := 0
			for _, v := range vals {
				if v == best {
					count++
				}
			}
			gv := g.st.Data[g.off] / float64(count)
			out := make([]float64, len(vals))
			for i, v := range vals {
				if v == best {
					out[i] = gv
				}
			}
			x, err := FromValues(g.ctx, g.dtype, t.shape, out)
			return grads(x), err
		})
	}
	return r, nil
}

// MaxDim is max(dim) / min(dim): values and int64 indices (first extreme).
func MaxDim(t *Tensor, dim int, keepdim, isMax bool) (*Tensor, *Tensor, error) {
	d, err := wrapDim(dim, t.Dim())
	if err != nil {
		return nil, nil, err
	}
	if t.Dim() > 0 && t.shape[d] == 0 {
		return nil, nil, errorf("IndexError", "max(): Expected reduction dim %d to have non-zero size.", d)
	}
	red := make([]bool, t.Dim())
	if t.Dim() > 0 {
		red[d] = true
	}
	gs, shape := groups(t, red, keepdim)
	vals, err := Empty(t.ctx, t.dtype, shape)
	if err != nil {
		return nil, nil, err
	}
	idx, err := Empty(t.ctx, Int64, shape)
	if err != nil {
		return nil, nil, err
	}
	for o, g := range gs {
		bi := 0
		for i, v := range g {
			if g[bi] != g[bi] {
				break
			}
			if v != v || (isMax && v > g[bi]) || (!isMax && v < g[bi]) {
				bi = i
			}
		}
		vals.st.Data[o] = g[bi]
		idx.st.Data[o] = float64(bi)
	}
	name := "MaxBackward0"
	if !isMax {
		name = "MinBackward0"
	}
	in := t
	if needsGrad(t) {
		record(name, vals, []*Tensor{t}, true, func(g *Tensor) ([]*Tensor, error) {
			z, err := Full(g.ctx, g.dtype, in.shape, 0)
			if err != nil {
				return nil, err
			}
			gi, ii := g, idx
			if !keepdim && in.Dim() > 0 {
				if gi, err = g.Unsqueeze(d); err != nil {
					return nil, err
				}
				ii = idx.view(gi.shape, contiguousStrides(gi.shape), idx.off)
			}
			gv, iv := gi.Values(), ii.Values()
			// walk the output positions and scatter into z along d
			outShape := gi.shape
			pos := make([]int, len(outShape))
			for k := range gv {
				off := 0
				for j := range outShape {
					p := pos[j]
					if j == d {
						p = int(iv[k])
					}
					off += p * z.strides[j]
				}
				z.st.Data[off] += gv[k]
				for j := len(outShape) - 1; j >= 0; j-- {
					pos[j]++
					if pos[j] < outShape[j] {
						break
					}
					pos[j] = 0
				}
			}
			return grads(z), nil
		})
	}
	return vals, idx, nil
}

// Argmax is argmax/argmin, over everything (dim nil) or one dim.
func Argmax(t *Tensor, dim *int, keepdim, isMax bool) (*Tensor, error) {
	if dim == nil {
		flat, err := FromValues(t.ctx, t.dtype, []int{t.Numel()}, t.vals())
		if err != nil {
			return nil, err
		}
		if flat.Numel() == 0 {
			return nil, errorf("RuntimeError", "argmax(): Expected reduction dim to be specified for input.numel() == 0.")
		}
		_, idx, err := MaxDim(flat, 0, false, isMax)
		if err != nil {
			return nil, err
		}
		if keepdim {
			ones := make([]int, t.Dim())
			for i := range ones {
				ones[i] = 1
			}
			return idx.Reshape(ones)
		}
		return idx, nil
	}
	saved := t.ctx.GradEnabled
	t.ctx.GradEnabled = false
	defer func() { t.ctx.GradEnabled = saved }()
	_, idx, err := MaxDim(t, *dim, keepdim, isMax)
	return idx, err
}

// Var is var(dim, correction, keepdim); Std takes its square root. Both are
// computed in float64 with two passes, as PyTorch's CPU kernel does.
func Var(t *Tensor, dims []int, correction float64, keepdim, std bool) (*Tensor, error) {
	if !t.dtype.IsFloat() {
		name := "var"
		if std {
			name = "std"
		}
		return nil, errorf("RuntimeError", "%s only supports floating point and complex dtypes", name)
	}
	red, err := reduceDims(t, dims)
	if err != nil {
		return nil, err
	}
	gs, shape := groups(t, red, keepdim)
	r, err := Empty(t.ctx, t.dtype, shape)
	if err != nil {
		return nil, err
	}
	means := make([]float64, len(gs))
	for o, g := range gs {
		m := 0.0
		for _, v := range g {
			m += v
		}
		m /= float64(len(g))
		means[o] = m
		ss := 0.0
		for _, v := range g {
			ss += (v - m) * (v - m)
		}
		v := ss / math.Max(0, float64(len(g))-correction)
		if std {
			v = math.Sqrt(v)
		}
		r.st.Data[o] = t.dtype.Round(v)
	}
	name := "VarBackward0"
	if std {
		name = "StdBackward0"
	}
	if needsGrad(t) {
		record(name, r, []*Tensor{t}, true, func(g *Tensor) ([]*Tensor, error) {
			// d var / dx = 2 (x - mean) / (n - correction); std divides by 2 std
			gg := g
			if gg, err = unreduce(gg, red, keepdim); err != nil {
				return nil, err
			}
			rs := r.Values()
			gv := gg.expandValues(t.shape)
			out := make([]float64, t.Numel())
			// index of each input element's group
			k := 0
			nd := t.Dim()
			idx := make([]int, nd)
			for range out {
				o := 0
				for d := 0; d < nd; d++ {
					if !red[d] {
						o = o*t.shape[d] + idx[d]
					}
				}
				n := float64(len(gs[o]))
				x := t.st.Data[t.positionOf(idx)]
				val := gv[k] * 2 * (x - means[o]) / (n - correction)
				if std {
					val = gv[k] * (x - means[o]) / ((n - correction) * rs[o])
				}
				out[k] = val
				k++
				for d := nd - 1; d >= 0; d-- {
					idx[d]++
					if idx[d] < t.shape[d] {
						break
					}
					idx[d] = 0
				}
			}
			x, err := FromValues(g.ctx, g.dtype, t.shape, out)
			return grads(x), err
		})
	}
	return r, nil
}

func (t *Tensor) positionOf(idx []int) int {
	p := t.off
	for i, x := range idx {
		p += x * t.strides[i]
	}
	return p
}

// Norm is the 2-norm over everything or dims (torch.norm / linalg.vector_norm).
func Norm(t *Tensor, p float64, dims []int, keepdim bool) (*Tensor, error) {
	if !t.dtype.IsFloat() {
		return nil, errorf("RuntimeError", "linalg.vector_norm: Expected a floating point or complex tensor as input. Got %s", typeName(t.dtype))
	}
	red, err := reduceDims(t, dims)
	if err != nil {
		return nil, err
	}
	gs, shape := groups(t, red, keepdim)
	r, err := Empty(t.ctx, t.dtype, shape)
	if err != nil {
		return nil, err
	}
	round, _ := accRound(t.dtype)
	for o, g := range gs {
		acc := 0.0
		switch {
		case math.IsInf(p, 1):
			for _, v := range g {
				acc = math.Max(acc, math.Abs(v))
			}
		case p == 1:
			for _, v := range g {
				acc = round(acc + math.Abs(v))
			}
		default:
			for _, v := range g {
				acc = round(acc + round(math.Pow(math.Abs(v), p)))
			}
			acc = math.Pow(acc, 1/p)
		}
		r.st.Data[o] = t.dtype.Round(acc)
	}
	if needsGrad(t) {
		record("LinalgVectorNormBackward0", r, []*Tensor{t}, true, func(g *Tensor) ([]*Tensor, error) {
			gg := g
			if gg, err = unreduce(gg, red, keepdim); err != nil {
				return nil, err
			}
			gv := gg.expandValues(t.shape)
			nv := r
			if !keepdim {
				nv = r.view(gg.shape, contiguousStrides(gg.shape), r.off)
			}
			ns := nv.expandValues(t.shape)
			xs := t.Values()
			out := make([]float64, len(xs))
			for i, x := range xs {
				if ns[i] == 0 {
					continue
				}
				out[i] = gv[i] * x * math.Pow(math.Abs(x), p-2) / math.Pow(ns[i], p-1)
			}
			x, err := FromValues(g.ctx, g.dtype, t.shape, out)
			return grads(x), err
		})
	}
	return r, nil
}
