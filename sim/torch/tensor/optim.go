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
