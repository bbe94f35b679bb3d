package torch

import (
	"slices"

	"github.com/ckptlab/ckptlab/sim/python"
	"github.com/ckptlab/ckptlab/sim/torch/tensor"
)

// copy.deepcopy of tensors and modules, as Tensor.__deepcopy__ and the
// default object protocol do in PyTorch: new storages (tensors that shared
// one share its copy), the same requires_grad, Parameters stay Parameters.

// storageMemo maps storages to their copies for one deepcopy call (keyed
// by its memo dict).
func storageMemo(th *python.Thread, memo *python.Dict) map[*tensor.Storage]*tensor.Storage {
	r := rt(th)
	m := r.copies[memo]
	if m == nil {
		m = map[*tensor.Storage]*tensor.Storage{}
		if r.copies == nil {
			r.copies = map[*python.Dict]map[*tensor.Storage]*tensor.Storage{}
		}
		r.copies[memo] = m
	}
	return m
}

func memoArg(args python.Args) *python.Dict {
	if len(args.Pos) > 0 {
		if d, ok := args.Pos[0].(*python.Dict); ok {
			return d
		}
	}
	return python.NewDict()
}

func deepcopyTensor(th *python.Thread, x *Tensor, memo *python.Dict) (python.Value, error) {
	if !x.T.IsLeaf() {
		return nil, python.Errorf(python.RuntimeErrorClass, "Only Tensors created explicitly by the user (graph leaves) support the deepcopy protocol at the moment.  If you were attempting to deepcopy a module, this may be because of a torch.nn.utils.weight_norm usage, see https://github.com/pytorch/pytorch/pull/103001")
	}
	c := rt(th).ctx
	sm := storageMemo(th, memo)
	st, ok := sm[x.T.Storage()]
	if !ok {
		var err error
		if st, err = tensor.NewStorage(c, x.T.DType(), x.T.Storage().Data); err != nil {
			return nil, pyErr(err)
		}
		sm[x.T.Storage()] = st
	}
	t, err := tensor.ViewOf(c, st, x.T.DType(), x.T.Offset(), x.T.Shape(), x.T.Strides())
	if err != nil {
		return nil, pyErr(err)
	}
	var out *Tensor
	if isParameter(x) {
		if out, err = newParameter(t, x.T.RequiresGrad()); err != nil {
			return nil, err
		}
		out.cls = x.cls
	} else {
		if x.T.RequiresGrad() {
			if err := t.SetRequiresGrad(true); err != nil {
				return nil, pyErr(err)
			}
		}
		out = wrap(t)
	}
	if x.T.Grad != nil {
		g, err := python.DeepCopy(th, wrap(x.T.Grad), memo)
		if err != nil {
			return nil, err
		}
		out.T.Grad = g.(*Tensor).T
	}
	return out, nil
}

func deepcopyModule(th *python.Thread, m *Module, memo *python.Dict) (python.Value, error) {
	out := &Module{}
	out.Object.Init(m.Type())
	if !m.initialized {
		return out, nil
	}
	out.init()
	out.training, out.forward, out.extra = m.training, m.forward, m.extra
	out.nonPersistent = slices.Clone(m.nonPersistent)
	for _, pair := range []struct{ from, to *entries }{{m.params, out.params}, {m.buffers, out.buffers}, {m.modules, out.modules}} {
		for _, it := range pair.from.items {
			n, v := it.name, it.v
			if v == nil {
				pair.to.set(n, nil)
				continue
			}
			c, err := python.DeepCopy(th, v, memo)
			if err != nil {
				return nil, err
			}
			pair.to.set(n, c)
		}
	}
	keys, vals := m.Dict().Items()
	for i, k := range keys {
		c, err := python.DeepCopy(th, vals[i], memo)
		if err != nil {
			return nil, err
		}
		if err := out.Dict().Set(th, k, c); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func init() {
	TensorClass.SetMethod("__deepcopy__", func(th *python.Thread, self python.Value, args python.Args) (python.Value, error) {
		return deepcopyTensor(th, self.(*Tensor), memoArg(args))
	})
	ModuleClass.SetMethod("__deepcopy__", func(th *python.Thread, self python.Value, args python.Args) (python.Value, error) {
		m, ok := self.(*Module)
		if !ok {
			return nil, python.Errorf(python.TypeErrorClass, "cannot pickle '%s' object", self.Type().Name)
		}
		return deepcopyModule(th, m, memoArg(args))
	})
}
