package tensor

import (
	"math"
)

// Reduction is a loss's reduction argument.
type Reduction int

// The reductions, as nn.functional names them.
const (
	ReduceMean Reduction = iota
	ReduceSum
	ReduceNone
)

// Linear is F.linear(x, weight, bias): addmm for a batch with a bias, a
// matmul otherwise, recording what PyTorch records.
func Linear(x, weight, bias *Tensor) (*Tensor, error) {
	wt, err := weight.T()
	if err != nil {
		return nil, err
	}
	if x.Dim() == 2 && bias != nil {
		if x.shape[1] != weight.shape[len(weight.shape)-1] {
			return nil, errorf("RuntimeError", "mat1 and mat2 shapes cannot be multiplied (%dx%d and %dx%d)", x.shape[0], x.shape[1], wt.shape[0], wt.shape[1])
		}
		return Addmm(bias, x, wt)
	}
	if x.Dim() > 2 && bias != nil && x.IsContiguous() {
		// flattened to a matrix, addmm, viewed back (ATen's _flatten_nd_linear)
		k := x.shape[x.Dim()-1]
		rows := numel(x.shape[:x.Dim()-1])
		if k != weight.shape[len(weight.shape)-1] {
			return nil, errorf("RuntimeError", "mat1 and mat2 shapes cannot be multiplied (%dx%d and %dx%d)", rows, k, wt.shape[0], wt.shape[1])
		}
		flat, err := x.View([]int{rows, k})
		if err != nil {
			return nil, err
		}
		out, err := Addmm(bias, flat, wt)
		if err != nil {
			return nil, err
		}
		shape := append(append([]int(nil), x.shape[:x.Dim()-1]...), wt.shape[1])
		return out.View(shape)
	}
	if x.Dim() >= 1 && weight.Dim() == 2 && x.shape[x.Dim()-1] != weight.shape[1] {
		rows := numel(x.shape[:x.Dim()-1])
		return nil, errorf("RuntimeError", "mat1 and mat2 shapes cannot be multiplied (%dx%d and %dx%d)", rows, x.shape[x.Dim()-1], wt.shape[0], wt.shape[1])
	}
	out, err := Matmul(x, wt)
	if err != nil {
		return nil, err
	}
	if bias == nil {
		return out, nil
	}
	return Add(out, bias, 1)
}

// MseLoss is F.mse_loss.
func MseLoss(input, target *Tensor, red Reduction) (*Tensor, error) {
	dt := ResultType(input, target)
	shape := input.shape // (shapes are never written once made)
	if !sameShape(input.shape, target.shape) {
		var err error
		if shape, err = broadcastShapes(input.shape, target.shape); err != nil {
			return nil, err
		}
	}
	n := numel(shape)
	var op *mseOp
	if needsGrad(input, target) {
		op = &mseOp{input: input, target: target, dt: dt, shape: shape, red: red}
	}
	var r *Tensor
	var err error
	if red != ReduceNone && dt.IsFloat() && n <= maxFusedLoss {
		r, err = mseReduced(op, input, target, dt, shape, red)
	} else {
		r, err = mseUnfused(input, target, dt, red)
	}
	if err != nil {
		return nil, err
	}
	if op != nil {
		op.node.fn = op
		attach(&op.node, "MseLossBackward0", r, []*Tensor{input, target}, true)
	}
	return r, nil
}

// maxFusedLoss is the most elements whose squared differences
// mseReduced keeps on its stack.
const maxFusedLoss = 16

// mseReduced is the mean or sum of a small mse_loss, as mseUnfused
// computes it (the squared differences rounded to dt, then summed as
// sumAll sums them), without making the squared differences a tensor,
// though charging the memory budget for it first. The result is made in
// op when the loss records.
func mseReduced(op *mseOp, input, target *Tensor, dt DType, shape []int, red Reduction) (*Tensor, error) {
	c := input.ctx // as binaryData chooses
	if input.wrapped && !target.wrapped {
		c = target.ctx
	}
	n := numel(shape)
	if c.Budget != nil {
		if err := c.Budget.Charge(int64(n) * int64(dt.ItemSize())); err != nil {
			return nil, err
		}
	}
	var buf [maxFusedLoss]float64
	sq := buf[:n]
	av, as := operandValues(input, shape)
	bv, bs := operandValues(target, shape)
	for i := range sq {
		x, y := as, bs
		if av != nil {
			x = av[i]
		}
		if bv != nil {
			y = bv[i]
		}
		d := dt.Round(dt.Round(x) - dt.Round(y))
		sq[i] = dt.Round(d * d)
	}
	var r *Tensor
	var err error
	if op != nil {
		r, err = emptyZeroDimIn(&op.out, c, dt)
	} else {
		r, err = Empty(c, dt, nil)
	}
	if err != nil {
		return nil, err
	}
	v := sumRounded(sq, dt)
	if red == ReduceMean {
		v = dt.Round(v / float64(n))
	}
	r.st.Data[0] = v
	return r, nil
}

// mseUnfused is mse_loss's value op by op: the squared differences, then
// their mean or sum.
func mseUnfused(input, target *Tensor, dt DType, red Reduction) (*Tensor, error) {
	sq, err := binaryData(input, target, dt, dt, func(x, y float64) float64 {
		d := dt.Round(x - y)
		return d * d
	})
	if err != nil || red == ReduceNone {
		return sq, err
	}
	saved := input.ctx.GradEnabled
	input.ctx.GradEnabled = false
	defer func() { input.ctx.GradEnabled = saved }()
	if red == ReduceMean {
		return Mean(sq, nil, false, nil)
	}
	return SumDims(sq, nil, false, nil)
}

// An mseOp is a recorded mse_loss: its result, its node and what its
// backward reads, in one allocation.
type mseOp struct {
	out           scalarAlloc // the loss, when mseReduced makes it
	node          Node
	input, target *Tensor
	dt            DType
	shape         []int // (its element count is the mean's divisor)
	red           Reduction
}

func (op *mseOp) grad(g *Tensor) ([]*Tensor, error) {
	input, target, dt, shape := op.input, op.target, op.dt, op.shape
	norm := 2.0
	if op.red == ReduceMean {
		norm = 2.0 / float64(numel(shape))
	}
	nv := dt.Round(norm)
	gi, err := Empty(g.ctx, dt, shape)
	if err != nil {
		return nil, err
	}
	iv := input.expandVals(shape)
	tv := target.expandVals(shape)
	if g.Numel() == 1 {
		// the gradient of the mean or sum: one value for all
		gv := g.st.Data[g.off]
		for i := range gi.st.Data {
			d := dt.Round(iv[i] - tv[i])
			gi.st.Data[i] = dt.Round(dt.Round(nv*d) * gv)
		}
	} else {
		gv := g.expandVals(shape)
		for i := range gi.st.Data {
			d := dt.Round(iv[i] - tv[i])
			gi.st.Data[i] = dt.Round(dt.Round(nv*d) * gv[i])
		}
	}
	var ga, gb *Tensor
	if input.requiresGrad {
		if ga, err = sumTo(gi, input.shape, input.dtype); err != nil {
			return nil, err
		}
	}
	if target.requiresGrad {
		ng, err := Neg(gi)
		if err != nil {
			return nil, err
		}
		if gb, err = sumTo(ng, target.shape, target.dtype); err != nil {
			return nil, err
		}
	}
	return grads(ga, gb), nil
}

// L1Loss is F.l1_loss: (input - target).abs() reduced, as PyTorch
// composes it.
func L1Loss(input, target *Tensor, red Reduction) (*Tensor, error) {
	d, err := Sub(input, target, 1)
	if err != nil {
		return nil, err
	}
	a, err := Abs(d)
	if err != nil {
		return nil, err
	}
	switch red {
	case ReduceMean:
		return Mean(a, nil, false, nil)
	case ReduceSum:
		return SumDims(a, nil, false, nil)
	}
	return a, nil
}

// LogSoftmax is F.log_softmax along dim.
func LogSoftmax(x *Tensor, dim int) (*Tensor, error) {
	return softmax(x, dim, true)
}

// Softmax is F.softmax along dim.
func Softmax(x *Tensor, dim int) (*Tensor, error) {
	return softmax(x, dim, false)
}

func softmax(x *Tensor, dim int, logOut bool) (*Tensor, error) {
	d, err := wrapDim(dim, x.Dim())
	if err != nil {
		return nil, err
	}
	dt := floatOut(x.dtype)
	src, err := FromValues(x.ctx, dt, x.shape, x.vals())
	if err != nil {
		return nil, err
	}
	r, err := Empty(x.ctx, dt, x.shape)
	if err != nil {
		return nil, err
	}
	f := dt.Round
	exp := expFunc(dt)
	line := make([]float64, 0, 16)
	eachLine(src, d, func(pos []int) {
		m := math.Inf(-1)
		for _, p := range pos {
			m = math.Max(m, src.st.Data[p])
		}
		line = line[:0]
		for _, p := range pos {
			line = append(line, f(exp(f(src.st.Data[p]-m))))
		}
		s := vecSum(dt, line)
		if logOut {
			ls := f(logFunc(dt)(s))
			for _, p := range pos {
				r.st.Data[p] = f(f(src.st.Data[p]-m) - ls)
			}
			return
		}
		inv := f(1 / s) // the kernel multiplies by the reciprocal
		for k, p := range pos {
			r.st.Data[p] = f(line[k] * inv)
		}
	})
	name := "SoftmaxBackward0"
	if logOut {
		name = "LogSoftmaxBackward0"
	}
	if needsGrad(x) {
		record(name, r, []*Tensor{x}, true, func(g *Tensor) ([]*Tensor, error) {
			gc, err := FromValues(g.ctx, dt, g.shape, g.vals())
			if err != nil {
				return nil, err
			}
			out, err := Empty(g.ctx, dt, x.shape)
			if err != nil {
				return nil, err
			}
			eachLine(gc, d, func(pos []int) {
				line = line[:0]
				if logOut {
					// grad - exp(output) * sum(grad), the multiply-add fused
					for _, p := range pos {
						line = append(line, gc.st.Data[p])
					}
					s := vecSum(dt, line)
					for _, p := range pos {
						out.st.Data[p] = f(math.FMA(-f(exp(r.st.Data[p])), s, gc.st.Data[p]))
					}
					return
				}
				// output * (grad - sum(grad * output))
				for _, p := range pos {
					line = append(line, f(gc.st.Data[p]*r.st.Data[p]))
				}
				s := vecSum(dt, line)
				for _, p := range pos {
					out.st.Data[p] = f(r.st.Data[p] * f(gc.st.Data[p]-s))
				}
			})
			o, err := out.To(x.dtype)
			return grads(o), err
		})
	}
	return r, nil
}

// vecSum is vec::reduce_all with addition over one row, as the softmax
// kernels sum: below a vector's width (8 floats, 4 doubles) one by one;
// otherwise lane-wise over whole vectors, the tail added into the first
// lanes, then the lanes combined pairwise as the AVX2 shuffles do.
func vecSum(dt DType, v []float64) float64 {
	f := dt.Round
	w := 8
	if dt == Float64 {
		w = 4
	}
	if len(v) < w {
		s := v[0]
		for _, x := range v[1:] {
			s = f(s + x)
		}
		return s
	}
	acc := make([]float64, w)
	copy(acc, v[:w])
	d := w
	for ; d+w <= len(v); d += w {
		for l := 0; l < w; l++ {
			acc[l] = f(acc[l] + v[d+l])
		}
	}
	for l := 0; d+l < len(v); l++ {
		acc[l] = f(acc[l] + v[d+l])
	}
	for half := w / 2; half >= 1; half /= 2 {
		for l := 0; l < half; l++ {
			acc[l] = f(acc[l] + acc[l+half])
		}
	}
	return acc[0]
}

// eachLine calls f with the storage positions of every 1-D line along dim d
// of a contiguous tensor.
func eachLine(t *Tensor, d int, f func(pos []int)) {
	if t.Dim() == 0 {
		f([]int{t.off})
		return
	}
	outer := numel(t.shape[:d])
	inner := numel(t.shape[d+1:])
	n := t.shape[d]
	pos := make([]int, n)
	for o := 0; o < outer; o++ {
		for i := 0; i < inner; i++ {
			for k := 0; k < n; k++ {
				pos[k] = t.off + (o*n+k)*inner + i
			}
			f(pos)
		}
	}
}

// NllLoss is F.nll_loss over log-probabilities [N, C] (or [C]) and class
// indices, with an optional ignore_index.
func NllLoss(logp, target *Tensor, red Reduction, ignoreIndex int) (*Tensor, error) {
	lp := logp
	tg := target
	if logp.Dim() == 1 {
		if target.Dim() != 0 {
			return nil, errorf("RuntimeError", "0D or 1D target tensor expected, multi-target not supported")
		}
	} else if logp.Dim() == 2 {
		if target.Dim() != 1 {
			return nil, errorf("RuntimeError", "0D or 1D target tensor expected, multi-target not supported")
		}
		if target.shape[0] != logp.shape[0] {
			return nil, errorf("ValueError", "Expected input batch_size (%d) to match target batch_size (%d).", logp.shape[0], target.shape[0])
		}
	} else {
		return nil, errorf("ValueError", "Expected 2 or more dimensions (got %d)", logp.Dim())
	}
	if target.dtype != Int64 {
		return nil, errorf("RuntimeError", "expected scalar type Long but found %s", typeName(target.dtype))
	}
	rows := 1
	classes := logp.shape[logp.Dim()-1]
	if logp.Dim() == 2 {
		rows = logp.shape[0]
	}
	lv := lp.Values()
	tv := tg.Values()
	dt := logp.dtype
	losses := make([]float64, rows)
	total := 0.0
	// nll_loss's cascade summation (ATen LossNLL.cpp): partial sums in 8
	// levels, carried up whenever the batch index crosses a level step
	const levels = 8
	levelPower := 4
	if p := ceilLog2(rows) / levels; p > levelPower {
		levelPower = p
	}
	levelMask := (1 << levelPower) - 1
	var partial [levels]float64
	for i := 0; i < rows; i++ {
		c := int(tv[i])
		if c == ignoreIndex {
			continue
		}
		if c < 0 || c >= classes {
			return nil, errorf("IndexError", "Target %d is out of bounds.", c)
		}
		losses[i] = -lv[i*classes+c]
		partial[0] = dt.Round(partial[0] - lv[i*classes+c])
		for j := 0; j+1 < levels; j++ {
			if i&(levelMask<<(j*levelPower)) != 0 {
				break
			}
			partial[j+1] = dt.Round(partial[j+1] + partial[j])
			partial[j] = 0
		}
		total++
	}
	sum := 0.0
	for _, p := range partial {
		sum = dt.Round(sum + p)
	}
	var out []float64
	var shape []int
	switch red {
	case ReduceNone:
		out, shape = losses, append([]int(nil), tg.shape...)
	case ReduceSum:
		out, shape = []float64{sum}, []int{}
	default:
		v := math.NaN()
		if total > 0 {
			v = sum / total
		}
		out, shape = []float64{v}, []int{}
	}
	r, err := FromValues(logp.ctx, dt, shape, out)
	if err != nil {
		return nil, err
	}
	if needsGrad(logp) {
		record("NllLossBackward0", r, []*Tensor{logp}, true, func(g *Tensor) ([]*Tensor, error) {
			gv := g.Values()
			res := make([]float64, len(lv))
			for i := 0; i < rows; i++ {
				c := int(tv[i])
				if c == ignoreIndex {
					continue
				}
				gi := gv[0]
				if red == ReduceNone {
					gi = gv[i]
				}
				if red == ReduceMean {
					gi = dt.Round(gi / total)
				}
				res[i*classes+c] = -gi
			}
			x, err := FromValues(g.ctx, dt, logp.shape, res)
			return grads(x), err
		})
	}
	return r, nil
}

// CrossEntropy is F.cross_entropy with class-index targets.
func CrossEntropy(input, target *Tensor, red Reduction, ignoreIndex int) (*Tensor, error) {
	dim := 1
	if input.Dim() == 1 {
		dim = 0
	}
	lp, err := LogSoftmax(input, dim)
	if err != nil {
		return nil, err
	}
	return NllLoss(lp, target, red, ignoreIndex)
}

// DropoutMasked is F.dropout in training mode given the keep mask drawn by
// bernoulli(1-p): input * (mask / (1-p)), recorded as MulBackward0.
func DropoutMasked(input *Tensor, keep []bool, p float64) (*Tensor, error) {
	noise, err := Empty(input.ctx, input.dtype, input.shape)
	if err != nil {
		return nil, err
	}
	scale := input.dtype.Round(1 / (1 - p))
	if p == 1 {
		scale = 0
	}
	for i, k := range keep {
		if k {
			noise.st.Data[i] = scale
		}
	}
	return Mul(input, noise)
}

// Embedding is F.embedding: rows of weight picked by integer indices.
func Embedding(weight, idx *Tensor) (*Tensor, error) {
	if idx.dtype != Int64 && idx.dtype != Int32 {
		return nil, errorf("RuntimeError", "Expected tensor for argument #1 'indices' to have one of the following scalar types: Long, Int; but got torch.FloatTensor instead (while checking arguments for embedding)")
	}
	rows, dim := weight.shape[0], weight.shape[1]
	iv := idx.Values()
	wv := weight.Values()
	out := make([]float64, 0, len(iv)*dim)
	for _, x := range iv {
		i := int(x)
		if i < 0 || i >= rows {
			return nil, errorf("IndexError", "index out of range in self")
		}
		out = append(out, wv[i*dim:(i+1)*dim]...)
	}
	shape := append(append([]int(nil), idx.shape...), dim)
	r, err := FromValues(weight.ctx, weight.dtype, shape, out)
	if err != nil {
		return nil, err
	}
	if needsGrad(weight) {
		record("EmbeddingBackward0", r, []*Tensor{weight}, true, func(g *Tensor) ([]*Tensor, error) {
			gv := g.Values()
			res := make([]float64, rows*dim)
			for k, x := range iv {
				i := int(x)
				for j := 0; j < dim; j++ {
					res[i*dim+j] = weight.dtype.Round(res[i*dim+j] + gv[k*dim+j])
				}
			}
			x, err := FromValues(g.ctx, g.dtype, weight.shape, res)
			return grads(x), err
		})
	}
	return r, nil
}

// BatchNorm is F.batch_norm over [N, C] or [N, C, L] input. In training it
// normalises with the batch statistics (biased variance) and updates the
// running buffers in place with the unbiased variance; in eval it uses the
// running buffers. The arithmetic follows ATen's batch_norm_kernel.cpp:
// for [N, C] input (its "channels last" path) float accumulators across
// the batch with fused multiply-adds, for [N, C, L] double accumulators;
// the mean and 1/std kept as floats; output = x*alpha + beta fused. The
// order was checked element for element against the oracle.
func BatchNorm(x, runMean, runVar, weight, bias *Tensor, training bool, momentum, eps float64) (*Tensor, error) {
	if x.Dim() < 2 {
		return nil, errorf("ValueError", "expected 2D or 3D input (got %dD input)", x.Dim())
	}
	C := x.shape[1]
	if runMean != nil && runMean.Numel() != C {
		return nil, errorf("RuntimeError", "running_mean should contain %d elements not %d", C, runMean.Numel())
	}
	N := x.shape[0]
	L := numel(x.shape[2:])
	cnt := N * L
	if training && cnt <= 1 {
		return nil, errorf("ValueError", "Expected more than 1 value per channel when training, got input size %s", ShapeString(x.shape))
	}
	dt := x.dtype
	f := dt.Round
	fma := func(a, b, c float64) float64 { return f(math.FMA(a, b, c)) }
	xv := x.Values()
	at := func(n, c, l int) int { return (n*C+c)*L + l }
	mean := make([]float64, C)
	invstd := make([]float64, C)
	var wv, bv []float64
	if weight != nil {
		wv = weight.Values()
	}
	if bias != nil {
		bv = bias.Values()
	}
	for c := 0; c < C; c++ {
		if !training {
			mean[c] = runMean.Values()[c]
			invstd[c] = f(1 / f(math.Sqrt(f(runVar.Values()[c]+f(eps)))))
			continue
		}
		var m, varSum float64
		if L == 1 {
			sum := 0.0
			for n := 0; n < N; n++ {
				sum = f(sum + xv[at(n, c, 0)])
			}
			m = f(sum / float64(cnt))
			for n := 0; n < N; n++ {
				d := f(xv[at(n, c, 0)] - m)
				varSum = fma(d, d, varSum)
			}
		} else {
			sum := 0.0
			for n := 0; n < N; n++ {
				for l := 0; l < L; l++ {
					sum += xv[at(n, c, l)]
				}
			}
			m = f(sum / float64(cnt))
			vs := 0.0
			for n := 0; n < N; n++ {
				for l := 0; l < L; l++ {
					d := f(xv[at(n, c, l)] - m)
					vs += f(d * d)
				}
			}
			varSum = f(vs)
		}
		mean[c] = m
		invstd[c] = f(1 / math.Sqrt(f(varSum/float64(cnt))+eps))
		mom, keep := f(momentum), f(1-momentum)
		if runMean != nil {
			p := runMean.off + c*runMean.strides[0]
			runMean.st.Data[p] = runMean.dtype.Round(f(mom*m) + f(keep*runMean.st.Data[p]))
		}
		if runVar != nil {
			p := runVar.off + c*runVar.strides[0]
			unbiased := f(varSum / float64(cnt-1))
			runVar.st.Data[p] = runVar.dtype.Round(math.FMA(mom, unbiased, f(keep*runVar.st.Data[p])))
		}
	}
	out := make([]float64, len(xv))
	for c := 0; c < C; c++ {
		w, b := 1.0, 0.0
		if wv != nil {
			w = wv[c]
		}
		if bv != nil {
			b = bv[c]
		}
		alpha := f(invstd[c] * w)
		beta := fma(-mean[c], alpha, b)
		for n := 0; n < N; n++ {
			for l := 0; l < L; l++ {
				i := at(n, c, l)
				out[i] = fma(xv[i], alpha, beta)
			}
		}
	}
	r, err := FromValues(x.ctx, dt, x.shape, out)
	if err != nil {
		return nil, err
	}
	if needsGrad(x, weight, bias) {
		record("NativeBatchNormBackward0", r, []*Tensor{x, weight, bias}, true, func(g *Tensor) ([]*Tensor, error) {
			gv := g.Values()
			gx := make([]float64, len(xv))
			gw := make([]float64, C)
			gb := make([]float64, C)
			for c := 0; c < C; c++ {
				w := 1.0
				if wv != nil {
					w = wv[c]
				}
				m, is := mean[c], invstd[c]
				sum, dotp := 0.0, 0.0
				for n := 0; n < N; n++ {
					for l := 0; l < L; l++ {
						i := at(n, c, l)
						if L == 1 {
							sum = f(sum + gv[i])
							dotp = fma(f(xv[i]-m), gv[i], dotp)
						} else {
							sum += gv[i]
							dotp += f(f(xv[i]-m) * gv[i])
						}
					}
				}
				sum, dotp = f(sum), f(dotp)
				gw[c], gb[c] = f(dotp*is), sum
				if !training {
					for n := 0; n < N; n++ {
						for l := 0; l < L; l++ {
							i := at(n, c, l)
							gx[i] = f(f(gv[i]*is) * w)
						}
					}
					continue
				}
				k := f(f(f(dotp*is)*is) / float64(cnt))
				gradMean := f(sum / float64(cnt))
				for n := 0; n < N; n++ {
					for l := 0; l < L; l++ {
						i := at(n, c, l)
						t := fma(-f(xv[i]-m), k, f(gv[i]-gradMean))
						gx[i] = f(f(t*is) * w)
					}
				}
			}
			ga, err := FromValues(g.ctx, dt, x.shape, gx)
			if err != nil {
				return nil, err
			}
			var gW, gB *Tensor
			if weight != nil {
				if gW, err = FromValues(g.ctx, weight.dtype, weight.shape, gw); err != nil {
					return nil, err
				}
			}
			if bias != nil {
				if gB, err = FromValues(g.ctx, bias.dtype, bias.shape, gb); err != nil {
					return nil, err
				}
			}
			return grads(ga, gW, gB), nil
		})
	}
	return r, nil
}
