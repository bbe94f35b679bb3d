package tensor

import (
	"math"
)

// The optimizer updates below are PyTorch 2.6's single-tensor code paths
// (torch/optim/sgd.py, adam.py, adamw.py with foreach=None on CPU), written
// with the same tensor kernels in the same order, so that a parameter after
// N steps has the bits PyTorch gives it.

// SGDOptions are one parameter group's SGD hyperparameters.
type SGDOptions struct {
	LR, Momentum, Dampening, WeightDecay float64
	Nesterov, Maximize                   bool
}

// noGrad runs f with autograd off.
func noGrad(c *Context, f func() error) error {
	saved := c.GradEnabled
	c.GradEnabled = false
	defer func() { c.GradEnabled = saved }()
	return f()
}

// momentumScalar is Scalar(c, Float64, m), made once for a run's steps.
func (c *Context) momentumScalar(m float64) *Tensor {
	if c.momentum == nil || c.momentum.st.Data[0] != m {
		c.momentum = Scalar(c, Float64, m)
	}
	return c.momentum
}

// SGDStep updates p in place from its gradient. buf is the momentum buffer
// (nil before the first step); the buffer to keep is returned.
func SGDStep(p, grad, buf *Tensor, o SGDOptions) (*Tensor, error) {
	plain := o.Momentum != 0 && o.WeightDecay == 0 && !o.Maximize && !o.Nesterov
	if plain && buf != nil && sgdMomentumFused(p, grad, buf) {
		return buf, sgdMomentumStep(p, grad, buf, o)
	}
	return sgdStepOps(p, grad, buf, o)
}

// sgdStepOps is SGDStep as sgd.py writes it, op by op.
func sgdStepOps(p, grad, buf *Tensor, o SGDOptions) (*Tensor, error) {
	err := noGrad(p.ctx, func() error {
		g := grad
		var err error
		if o.Maximize {
			if g, err = Neg(g); err != nil {
				return err
			}
		}
		if o.WeightDecay != 0 {
			if g, err = Add(g, p, o.WeightDecay); err != nil {
				return err
			}
		}
		if o.Momentum != 0 {
			if buf == nil {
				if buf, err = FromValues(p.ctx, g.dtype, g.shape, g.vals()); err != nil {
					return err
				}
			} else {
				if err = buf.MulInPlace(p.ctx.momentumScalar(o.Momentum)); err != nil {
					return err
				}
				if err = buf.AddInPlace(g, 1-o.Dampening); err != nil {
					return err
				}
			}
			if o.Nesterov {
				if g, err = Add(g, buf, o.Momentum); err != nil {
					return err
				}
			} else {
				g = buf
			}
		}
		return p.AddInPlace(g, -o.LR)
	})
	return buf, err
}

// sgdMomentumFused reports whether sgdMomentumStep can do a step of p:
// the parameter, its gradient and its momentum buffer are float32 tensors
// of one shape, contiguous, in three storages, so the three in-place ops of
// a momentum step (and only they) are loops over their values.
func sgdMomentumFused(p, grad, buf *Tensor) bool {
	for _, t := range [...]*Tensor{p, grad, buf} {
		if t.dtype != Float32 || t.wrapped || !t.IsContiguous() || !sameShape(t.shape, p.shape) {
			return false
		}
	}
	return p.st != grad.st && p.st != buf.st && grad.st != buf.st
}

// sgdMomentumStep is SGDStep with momentum and a buffer, without weight
// decay, maximize or nesterov, for the tensors sgdMomentumFused accepts:
// buf.mul_(momentum), buf.add_(grad, alpha=1-dampening) and
// p.add_(buf, alpha=-lr), each rounding as its kernel rounds (operands and
// result to float32, the wrapped numbers too) and charging the memory
// budget as it does, in the same order.
func sgdMomentumStep(p, grad, buf *Tensor, o SGDOptions) error {
	c := p.ctx
	n := p.Numel()
	bytes := int64(n) * int64(Float32.ItemSize())
	pv := p.st.Data[p.off : p.off+n]
	gv := grad.st.Data[grad.off : grad.off+n]
	bv := buf.st.Data[buf.off : buf.off+n]
	r := func(x float64) float64 { return float64(float32(x)) } // Float32.Round, inlined
	if err := charge(buf.ctx, bytes); err != nil {
		return err
	}
	m := r(o.Momentum)
	for i := range bv {
		bv[i] = r(r(bv[i]) * m) // MulInPlace: x * y
	}
	if err := charge(buf.ctx, bytes); err != nil {
		return err
	}
	al := r(1 - o.Dampening)
	for i := range bv {
		bv[i] = r(math.FMA(al, r(gv[i]), r(bv[i]))) // AddInPlace: FMA(alpha, y, x)
	}
	if err := charge(c, bytes); err != nil {
		return err
	}
	al = r(-o.LR)
	for i := range pv {
		pv[i] = r(math.FMA(al, r(bv[i]), r(pv[i])))
	}
	return nil
}

// charge charges bytes to c's budget, as binaryDataInto does.
func charge(c *Context, bytes int64) error {
	if c.Budget == nil {
		return nil
	}
	return c.Budget.Charge(bytes)
}

// AdamOptions are one parameter group's Adam / AdamW hyperparameters.
type AdamOptions struct {
	LR, Beta1, Beta2, Eps, WeightDecay float64
	Amsgrad, Maximize                  bool
	// Decoupled selects AdamW's weight decay (param *= 1 - lr*wd).
	Decoupled bool
}

// AdamState is one parameter's Adam state; Step is a float32 0-dim tensor
// as PyTorch keeps it.
type AdamState struct {
	Step, ExpAvg, ExpAvgSq, MaxExpAvgSq *Tensor
}

// NewAdamState is the lazily created state of a parameter's first step.
func NewAdamState(p *Tensor, amsgrad bool) (*AdamState, error) {
	s := &AdamState{}
	var err error
	if s.Step, err = Full(p.ctx, Float32, []int{}, 0); err != nil {
		return nil, err
	}
	if s.ExpAvg, err = Full(p.ctx, p.dtype, p.shape, 0); err != nil {
		return nil, err
	}
	if s.ExpAvgSq, err = Full(p.ctx, p.dtype, p.shape, 0); err != nil {
		return nil, err
	}
	if amsgrad {
		if s.MaxExpAvgSq, err = Full(p.ctx, p.dtype, p.shape, 0); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// AdamStep updates p and its state in place.
func AdamStep(p, grad *Tensor, s *AdamState, o AdamOptions) error {
	if adamFused(p, grad, s, o) {
		return adamFusedStep(p, grad, s, o)
	}
	return adamStepOps(p, grad, s, o)
}

// adamStepOps is AdamStep as adam.py writes it, op by op.
func adamStepOps(p, grad *Tensor, s *AdamState, o AdamOptions) error {
	return noGrad(p.ctx, func() error {
		c := p.ctx
		g := grad
		var err error
		if o.Maximize {
			if g, err = Neg(g); err != nil {
				return err
			}
		}
		if err = s.Step.AddInPlace(Scalar(c, Int64, 1), 1); err != nil {
			return err
		}
		if o.WeightDecay != 0 {
			if o.Decoupled {
				if err = p.MulInPlace(Scalar(c, Float64, 1-o.LR*o.WeightDecay)); err != nil {
					return err
				}
			} else if g, err = Add(g, p, o.WeightDecay); err != nil {
				return err
			}
		}
		if err = s.ExpAvg.LerpInPlace(g, 1-o.Beta1); err != nil {
			return err
		}
		if err = s.ExpAvgSq.MulInPlace(Scalar(c, Float64, o.Beta2)); err != nil {
			return err
		}
		if err = s.ExpAvgSq.AddcmulInPlace(g, g, 1-o.Beta2); err != nil {
			return err
		}
		step := s.Step.st.Data[s.Step.off]
		bc1 := 1 - math.Pow(o.Beta1, step)
		bc2 := 1 - math.Pow(o.Beta2, step)
		stepSize := o.LR / bc1
		bc2Sqrt := math.Sqrt(bc2)
		sq := s.ExpAvgSq
		if o.Amsgrad {
			m, err := Maximum(s.MaxExpAvgSq, s.ExpAvgSq)
			if err != nil {
				return err
			}
			s.MaxExpAvgSq.setValues(m.Values())
			sq = s.MaxExpAvgSq
		}
		denom, err := Sqrt(sq)
		if err != nil {
			return err
		}
		if denom, err = Div(denom, Scalar(c, Float64, bc2Sqrt)); err != nil {
			return err
		}
		if err = denom.AddInPlace(Scalar(c, Float64, o.Eps), 1); err != nil {
			return err
		}
		return p.AddcdivInPlace(s.ExpAvg, denom, -stepSize)
	})
}

// adamFused reports whether adamFusedStep can do a step of p: the
// parameter, its gradient and its averages are float32 tensors of one
// shape, contiguous, in storages of their own, the step count is a
// float32 0-dim tensor, and the step has no amsgrad, maximize or (Adam's,
// not AdamW's) weight decay, so that each op of the step is a loop over
// their values.
func adamFused(p, grad *Tensor, s *AdamState, o AdamOptions) bool {
	if o.Amsgrad || o.Maximize || (o.WeightDecay != 0 && !o.Decoupled) {
		return false
	}
	ts := [...]*Tensor{p, grad, s.ExpAvg, s.ExpAvgSq}
	for _, t := range ts {
		if t.dtype != Float32 || t.wrapped || !t.IsContiguous() || !sameShape(t.shape, p.shape) {
			return false
		}
	}
	if st := s.Step; st.dtype != Float32 || st.wrapped || st.Dim() != 0 {
		return false
	}
	for i, t := range ts {
		if t.st == s.Step.st {
			return false
		}
		for _, u := range ts[i+1:] {
			if t.st == u.st {
				return false
			}
		}
	}
	return true
}

// adamFusedStep is adamStepOps for the tensors adamFused accepts: the same
// ops in the same order, each rounding as its kernel rounds (operands and
// result to float32, the wrapped numbers too) and charging the memory
// budget for the tensors it would make, at the same points, so a step
// that runs out of memory stops where it always did.
func adamFusedStep(p, grad *Tensor, s *AdamState, o AdamOptions) error {
	r := func(x float64) float64 { return float64(float32(x)) } // Float32.Round, inlined
	n := p.Numel()
	bytes := int64(n) * int64(Float32.ItemSize())
	pv := p.st.Data[p.off : p.off+n]
	gv := grad.st.Data[grad.off : grad.off+n]
	mv := s.ExpAvg.st.Data[s.ExpAvg.off : s.ExpAvg.off+n]
	vv := s.ExpAvgSq.st.Data[s.ExpAvgSq.off : s.ExpAvgSq.off+n]

	// step.add_(1)
	if err := charge(s.Step.ctx, int64(Float32.ItemSize())); err != nil {
		return err
	}
	sp := &s.Step.st.Data[s.Step.off]
	*sp = r(math.FMA(1, 1, r(*sp)))
	if o.WeightDecay != 0 {
		// param.mul_(1 - lr * weight_decay)
		if err := charge(p.ctx, bytes); err != nil {
			return err
		}
		f := r(Float64.Round(1 - o.LR*o.WeightDecay))
		for i := range pv {
			pv[i] = r(r(pv[i]) * f)
		}
	}
	// exp_avg.lerp_(grad, 1 - beta1)
	if err := charge(s.ExpAvg.ctx, bytes); err != nil {
		return err
	}
	wf := r(1 - o.Beta1)
	for i := range mv {
		x, e := r(mv[i]), r(gv[i])
		d := r(e - x)
		if math.Abs(wf) < 0.5 {
			mv[i] = r(math.FMA(wf, d, x))
		} else {
			mv[i] = r(math.FMA(-d, r(1-wf), e))
		}
	}
	// exp_avg_sq.mul_(beta2)
	if err := charge(s.ExpAvgSq.ctx, bytes); err != nil {
		return err
	}
	b2 := r(o.Beta2)
	for i := range vv {
		vv[i] = r(r(vv[i]) * b2)
	}
	// exp_avg_sq.addcmul_(grad, grad, value=1 - beta2)
	if err := charge(grad.ctx, bytes); err != nil {
		return err
	}
	v := r(1 - o.Beta2)
	for i := range vv {
		vv[i] = r(math.FMA(r(v*r(gv[i])), r(gv[i]), vv[i]))
	}
	step := *sp
	bc1 := 1 - math.Pow(o.Beta1, step)
	bc2 := 1 - math.Pow(o.Beta2, step)
	stepSize := o.LR / bc1
	bc2Sqrt := math.Sqrt(bc2)
	// denom = (exp_avg_sq.sqrt() / bias_correction2_sqrt).add_(eps)
	var buf [16]float64
	denom := buf[:0]
	if n > len(buf) {
		denom = make([]float64, 0, n)
	}
	denom = denom[:n]
	if err := charge(s.ExpAvgSq.ctx, bytes); err != nil {
		return err
	}
	for i := range denom {
		denom[i] = r(math.Sqrt(vv[i]))
	}
	if err := charge(s.ExpAvgSq.ctx, bytes); err != nil {
		return err
	}
	bs := r(bc2Sqrt)
	for i := range denom {
		denom[i] = r(r(denom[i]) / bs)
	}
	if err := charge(s.ExpAvgSq.ctx, bytes); err != nil {
		return err
	}
	eps := r(o.Eps)
	for i := range denom {
		denom[i] = r(math.FMA(1, eps, r(denom[i])))
	}
	// param.addcdiv_(exp_avg, denom, value=-step_size)
	sv := r(-stepSize)
	for i := range pv {
		pv[i] = r(pv[i] + r(r(sv*mv[i])/denom[i]))
	}
	return nil
}

// LerpInPlace is lerp_(end, weight) with a scalar weight, as ATen computes
// it: self + w*(end-self) for w < 0.5 (fused), else end - (end-self)*(1-w).
func (t *Tensor) LerpInPlace(end *Tensor, w float64) error {
	if err := t.checkInplace(); err != nil {
		return err
	}
	dt := t.dtype
	wf := dt.Round(w)
	r, err := binaryData(t, end, dt, dt, func(s, e float64) float64 {
		d := dt.Round(e - s)
		if math.Abs(wf) < 0.5 {
			return math.FMA(wf, d, s)
		}
		return math.FMA(-d, dt.Round(1-wf), e)
	})
	if err != nil {
		return err
	}
	t.setValues(r.Values())
	return nil
}

// AddcmulInPlace is addcmul_(t1, t2, value): self + value*t1*t2, the last
// multiply-add fused as the AVX2 kernel compiles it.
func (t *Tensor) AddcmulInPlace(t1, t2 *Tensor, value float64) error {
	if err := t.checkInplace(); err != nil {
		return err
	}
	dt := t.dtype
	v := dt.Round(value)
	p, err := binaryData(t1, t2, dt, dt, func(a, b float64) float64 { return a })
	if err != nil {
		return err
	}
	av := t1.expandValues(p.shape)
	bv := t2.expandValues(p.shape)
	sv := t.Values()
	out := make([]float64, len(sv))
	for i := range sv {
		out[i] = math.FMA(dt.Round(v*dt.Round(av[i])), dt.Round(bv[i]), sv[i])
	}
	t.setValues(out)
	return nil
}

// AddcdivInPlace is addcdiv_(t1, t2, value): self + value*t1/t2.
func (t *Tensor) AddcdivInPlace(t1, t2 *Tensor, value float64) error {
	if err := t.checkInplace(); err != nil {
		return err
	}
	dt := t.dtype
	v := dt.Round(value)
	av := t1.expandValues(t.shape)
	bv := t2.expandValues(t.shape)
	sv := t.Values()
	out := make([]float64, len(sv))
	for i := range sv {
		q := dt.Round(dt.Round(v*av[i]) / bv[i])
		out[i] = sv[i] + q
	}
	t.setValues(out)
	return nil
}
