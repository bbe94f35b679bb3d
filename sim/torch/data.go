package torch

import (
	"github.com/ckptlab/ckptlab/sim/python"
	"github.com/ckptlab/ckptlab/sim/torch/rng"
	"github.com/ckptlab/ckptlab/sim/torch/tensor"
)

// torch.utils.data: Dataset, TensorDataset and a single-process DataLoader
// that draws from the RNG exactly as PyTorch's does (one int64 for the
// iterator's base seed, one more for the shuffling sampler's seed), so a
// resumed run that restores the RNG state shuffles the same way.

var (
	datasetClass       = python.NewClass("Dataset")
	tensorDatasetClass = python.NewClass("TensorDataset", datasetClass)
	dataLoaderClass    = python.NewClass("DataLoader")
	loaderIterClass    = python.NewClass("_SingleProcessDataLoaderIter")
)

// tensorDataset is a TensorDataset.
type tensorDataset struct {
	python.Object
	tensors []*Tensor
}

// dataLoader is a DataLoader.
type dataLoader struct {
	python.Object
	dataset   python.Value
	batchSize int
	shuffle   bool
	dropLast  bool
	gen       python.Value
}

type loaderIter struct {
	l     *dataLoader
	order []int
	pos   int
	begun bool
}

func (*loaderIter) Type() *python.Class { return loaderIterClass }

func init() {
	datasetClass.Module = "torch.utils.data.dataset"
	tensorDatasetClass.Module = "torch.utils.data.dataset"
	dataLoaderClass.Module = "torch.utils.data.dataloader"
	loaderIterClass.Module = "torch.utils.data.dataloader"
	datasetClass.SetMethod("__getitem__", func(th *python.Thread, self python.Value, args python.Args) (python.Value, error) {
		return nil, python.Errorf(python.NotImplementedErrorClass, "Subclasses of Dataset should implement __getitem__.")
	})
	tensorDatasetClass.New = func(th *python.Thread, cls *python.Class, args python.Args) (python.Value, error) {
		d := &tensorDataset{}
		d.Object.Init(cls)
		return d, nil
	}
	tensorDatasetClass.SetMethod("__init__", func(th *python.Thread, self python.Value, args python.Args) (python.Value, error) {
		d := self.(*tensorDataset)
		for _, v := range args.Pos {
			t, ok := v.(*Tensor)
			if !ok {
				return nil, python.Errorf(python.AttributeErrorClass, "'%s' object has no attribute 'size'", v.Type().Name)
			}
			d.tensors = append(d.tensors, t)
		}
		for _, t := range d.tensors {
			if t.T.Dim() == 0 || t.T.Shape()[0] != d.tensors[0].T.Shape()[0] {
				return nil, python.Errorf(python.AssertionErrorClass, "Size mismatch between tensors")
			}
		}
		return python.None, nil
	})
	tensorDatasetClass.SetMethod("__len__", func(th *python.Thread, self python.Value, args python.Args) (python.Value, error) {
		d := self.(*tensorDataset)
		if len(d.tensors) == 0 {
			return nil, python.Errorf(python.IndexErrorClass, "tuple index out of range")
		}
		return python.Int(d.tensors[0].T.Shape()[0]), nil
	})
	tensorDatasetClass.SetMethod("__getitem__", func(th *python.Thread, self python.Value, args python.Args) (python.Value, error) {
		d := self.(*tensorDataset)
		out := make(python.Tuple, len(d.tensors))
		for i, t := range d.tensors {
			v, err := python.GetItem(th, t, args.Pos[0])
			if err != nil {
				return nil, err
			}
			out[i] = v
		}
		return out, nil
	})
	tensorDatasetClass.SetProperty("tensors", func(th *python.Thread, self python.Value) (python.Value, error) {
		d := self.(*tensorDataset)
		out := make(python.Tuple, len(d.tensors))
		for i, t := range d.tensors {
			out[i] = t
		}
		return out, nil
	}, nil)

	dataLoaderClass.New = func(th *python.Thread, cls *python.Class, args python.Args) (python.Value, error) {
		l := &dataLoader{}
		l.Object.Init(cls)
		return l, nil
	}
	dataLoaderClass.SetMethod("__init__", func(th *python.Thread, self python.Value, args python.Args) (python.Value, error) {
		l := self.(*dataLoader)
		var ds python.Value
		var bs python.Value = python.Int(1)
		var gen python.Value = python.None
		shuffle, dropLast := false, false
		workers := 0
		if err := python.UnpackArgs("DataLoader.__init__", args, "dataset", &ds, "batch_size?", &bs, "shuffle?", &shuffle, "sampler?", new(python.Value), "batch_sampler?", new(python.Value), "num_workers?", &workers, "collate_fn?", new(python.Value), "pin_memory?", new(python.Value), "drop_last?", &dropLast, "timeout?", new(python.Value), "worker_init_fn?", new(python.Value), "multiprocessing_context?", new(python.Value), "generator?", &gen, "*", "prefetch_factor?", new(python.Value), "persistent_workers?", new(python.Value)); err != nil {
			return nil, err
		}
		n, ok := python.AsInt64(bs)
		if !ok || n <= 0 {
			return nil, python.Errorf(python.ValueErrorClass, "batch_size should be a positive integer value, but got batch_size=%s", reprOf(th, bs))
		}
		if workers < 0 {
			return nil, python.Errorf(python.ValueErrorClass, "num_workers option should be non-negative; use num_workers=0 to disable multiprocessing.")
		}
		if _, err := genArg(th, gen); err != nil {
			return nil, err
		}
		l.dataset, l.batchSize, l.shuffle, l.dropLast, l.gen = ds, int(n), shuffle, dropLast, gen
		l.Dict().SetStr("dataset", ds)
		l.Dict().SetStr("batch_size", python.Int(n))
		l.Dict().SetStr("drop_last", python.Bool(dropLast))
		l.Dict().SetStr("num_workers", python.Int(workers))
		l.Dict().SetStr("generator", gen)
		return python.None, nil
	})
	dataLoaderClass.SetMethod("__len__", func(th *python.Thread, self python.Value, args python.Args) (python.Value, error) {
		l := self.(*dataLoader)
		n, err := python.Len(th, l.dataset)
		if err != nil {
			return nil, err
		}
		if l.dropLast {
			return python.Int(n / l.batchSize), nil
		}
		return python.Int((n + l.batchSize - 1) / l.batchSize), nil
	})
	dataLoaderClass.SetMethod("__iter__", func(th *python.Thread, self python.Value, args python.Args) (python.Value, error) {
		l := self.(*dataLoader)
		g, err := genArg(th, l.gen)
		if err != nil {
			return nil, err
		}
		drawInt64(g) // _BaseDataLoaderIter's base seed
		return &loaderIter{l: l}, nil
	})
	loaderIterClass.SetMethod("__iter__", func(th *python.Thread, self python.Value, args python.Args) (python.Value, error) {
		return self, nil
	})
	loaderIterClass.SetMethod("__next__", func(th *python.Thread, self python.Value, args python.Args) (python.Value, error) {
		v, ok, err := self.(*loaderIter).Next(th)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, python.NewException(python.StopIterationClass)
		}
		return v, nil
	})
	loaderIterClass.SetMethod("__len__", func(th *python.Thread, self python.Value, args python.Args) (python.Value, error) {
		return python.CallMethod(th, self.(*loaderIter).l, "__len__", python.Args{})
	})
	for _, c := range []*python.Class{datasetClass, tensorDatasetClass, dataLoaderClass, loaderIterClass} {
		c.Freeze()
	}
	register("torch.utils", func(m *python.Module) {})
	register("torch.utils.data", func(m *python.Module) {
		m.Set("Dataset", datasetClass)
		m.Set("TensorDataset", tensorDatasetClass)
		m.Set("DataLoader", dataLoaderClass)
	})
}

// drawInt64 is torch.empty((), dtype=torch.int64).random_(generator=g).item().
func drawInt64(g *rng.Generator) int64 {
	v := make([]int64, 1)
	g.RandomInt64(v)
	return v[0]
}

// Next yields the next batch. The sampler's order is drawn on the first
// batch, as RandomSampler.__iter__ draws it when first advanced.
func (it *loaderIter) Next(th *python.Thread) (python.Value, bool, error) {
	l := it.l
	if !it.begun {
		it.begun = true
		n, err := python.Len(th, l.dataset)
		if err != nil {
			return nil, false, err
		}
		if l.shuffle {
			var g *rng.Generator
			if l.gen == nil || l.gen == python.None {
				g = rng.New(uint64(drawInt64(rt(th).gen)))
			} else if g, err = genArg(th, l.gen); err != nil {
				return nil, false, err
			}
			perm, err := g.Randperm(int64(n))
			if err != nil {
				return nil, false, python.Errorf(python.RuntimeErrorClass, "%s", err.Error())
			}
			for _, p := range perm {
				it.order = append(it.order, int(p))
			}
		} else {
			for i := 0; i < n; i++ {
				it.order = append(it.order, i)
			}
		}
	}
	remaining := len(it.order) - it.pos
	if remaining <= 0 || (l.dropLast && remaining < l.batchSize) {
		return nil, false, nil
	}
	size := min(l.batchSize, remaining)
	batch := make([]python.Value, size)
	for i := range batch {
		v, err := python.GetItem(th, l.dataset, python.Int(it.order[it.pos+i]))
		if err != nil {
			return nil, false, err
		}
		batch[i] = v
	}
	it.pos += size
	v, err := collate(th, batch)
	return v, err == nil, err
}

// collate is default_collate: tensors stacked, numbers made tensors,
// tuples and lists transposed into lists, dicts collated per key.
func collate(th *python.Thread, batch []python.Value) (python.Value, error) {
	switch first := batch[0].(type) {
	case *Tensor:
		ts := make([]*tensor.Tensor, len(batch))
		for i, v := range batch {
			t, ok := v.(*Tensor)
			if !ok {
				return nil, python.Errorf(python.TypeErrorClass, "expected Tensor as element %d in argument 0, but got %s", i, v.Type().Name)
			}
			ts[i] = t.T
		}
		return ret(tensor.Stack(ts, 0))
	case python.Bool, python.Int, python.Float:
		d := tensor.Int64
		if _, ok := first.(python.Float); ok {
			d = tensor.Float64
		}
		return dataTensorValue(th, python.NewList(batch), d)
	case python.Str:
		return python.NewList(batch), nil
	case python.Tuple, *python.List:
		n, _ := python.Len(th, first)
		cols := make([][]python.Value, n)
		for _, v := range batch {
			items, err := python.ToSlice(th, v)
			if err != nil {
				return nil, err
			}
			if len(items) != n {
				return nil, python.Errorf(python.RuntimeErrorClass, "each element in list of batch should be of equal size")
			}
			for j, it := range items {
				cols[j] = append(cols[j], it)
			}
		}
		out := make([]python.Value, n)
		for j, col := range cols {
			c, err := collate(th, col)
			if err != nil {
				return nil, err
			}
			out[j] = c
		}
		return python.NewList(out), nil
	case *python.Dict:
		out := python.NewDict()
		for _, k := range first.Keys() {
			col := make([]python.Value, len(batch))
			for i, v := range batch {
				d, ok := v.(*python.Dict)
				if !ok {
					return nil, python.Errorf(python.TypeErrorClass, "default_collate: batch must contain dicts")
				}
				x, _, err := d.Get(th, k)
				if err != nil {
					return nil, err
				}
				col[i] = x
			}
			c, err := collate(th, col)
			if err != nil {
				return nil, err
			}
			out.Set(th, k, c)
		}
		return out, nil
	}
	return nil, python.Errorf(python.TypeErrorClass, "default_collate: batch must contain tensors, numpy arrays, numbers, dicts or lists; found %s", typeRepr(batch[0]))
}

func dataTensorValue(th *python.Thread, data python.Value, d tensor.DType) (python.Value, error) {
	t, err := dataTensor(th, data, factoryOpts{dtype: d, hasDType: true})
	if err != nil {
		return nil, err
	}
	return wrap(t), nil
}
