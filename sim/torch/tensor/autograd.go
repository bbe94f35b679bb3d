package tensor

import ()

// Node is a grad_fn: one recorded operation of the graph. Its backward maps
// the gradient of its output to the gradients of its inputs.
type Node struct {
	name string
	// next holds, per input, the node its gradient flows to (nil when that
	// input needs none).
	next []*Node
	// fn returns one gradient per input (nil entries allowed): a method
	// of a struct that holds the node and what its op saved (one
	// allocation for an op of a training step, where a node and a closure
	// would be two), or a closure (backwardFunc).
	fn gradFunc
	// t is the tensor an AccumulateGrad node (acc) accumulates into, or
	// the tensor another node produced, for retain_grad: see leaf and out.
	t *Tensor
	// seq orders the nodes of a context (Context.seq).
	seq uint32
	acc bool
	// saves is true when backward needs saved tensors, which are freed after
	// a backward without retain_graph; a second pass then fails.
	saves bool
	freed bool
	// nextBuf holds next for nodes of up to three inputs, saving an allocation.
	nextBuf [3]*Node

	// scratch state of the backward pass in progress (epoch says which);
	// 32 bits each keep a node, and the ops made with one, in a smaller
	// size class
	epoch   uint32
	deps    int32
	pending *Tensor
}

// A gradFunc is a node's backward function as a method.
type gradFunc interface {
	grad(g *Tensor) ([]*Tensor, error)
}

// A backwardFunc is a node's backward function as a closure.
type backwardFunc func(g *Tensor) ([]*Tensor, error)

func (f backwardFunc) grad(g *Tensor) ([]*Tensor, error) { return f(g) }

// Name is the class name PyTorch prints, e.g. "AddmmBackward0".
func (n *Node) Name() string { return n.name }

// NextFunctions mirrors grad_fn.next_functions: one node per input, nil
// when the input needs no gradient.
func (n *Node) NextFunctions() []*Node { return n.next }

// Variable is the leaf an AccumulateGrad node feeds (nil for others).
func (n *Node) Variable() *Tensor { return n.leaf() }

// leaf is the tensor an AccumulateGrad node accumulates into, nil for
// other nodes.
func (n *Node) leaf() *Tensor {
	if n.acc {
		return n.t
	}
	return nil
}

// out is the tensor a node other than AccumulateGrad produced.
func (n *Node) out() *Tensor {
	if n.acc {
		return nil
	}
	return n.t
}

func (t *Tensor) gradNode() *Node {
	if !t.requiresGrad {
		return nil
	}
	if t.node == nil {
		// a leaf's first: its AccumulateGrad
		t.node = &Node{name: "AccumulateGrad", t: t, acc: true}
	}
	return t.node
}

// needsGrad reports whether an op over inputs must be recorded.
func needsGrad(inputs ...*Tensor) bool {
	for _, t := range inputs {
		if t != nil && t.requiresGrad && t.ctx.GradEnabled {
			return true
		}
	}
	return false
}

// record attaches a new node to out when autograd is on and an input
// requires grad. Callers ask needsGrad first: a backward closure is made
// where it is written, so a call that records nothing (under no_grad, in
// the optimizers and backward itself) would make it for nothing.
func record(name string, out *Tensor, inputs []*Tensor, saves bool, backward func(g *Tensor) ([]*Tensor, error)) {
	if !needsGrad(inputs...) {
		return
	}
	attach(&Node{fn: backwardFunc(backward)}, name, out, inputs, saves)
}

// attach makes n, whose backward is set, the node that produced out:
// record for a node the caller allocated with what its backward saves.
// Callers ask needsGrad first.
func attach(n *Node, name string, out *Tensor, inputs []*Tensor, saves bool) {
	n.name, n.saves, n.t = name, saves, out
	if len(inputs) > 0 && len(inputs) <= len(n.nextBuf) {
		n.next = n.nextBuf[:0:len(inputs)]
	}
	out.ctx.seq++
	n.seq = out.ctx.seq
	for _, in := range inputs {
		if in == nil {
			n.next = append(n.next, nil)
			continue
		}
		n.next = append(n.next, in.gradNode())
	}
	out.node = n
	out.requiresGrad = true
}

// nodeQueue is backward's queue of nodes, newest (highest seq) first: a
// binary heap kept exactly as container/heap keeps one (so nodes of equal
// seq, the leaves, come out in the same order), without its interface,
// which would put every queue on the heap.
type nodeQueue []*Node

func (q nodeQueue) less(i, j int) bool { return q[i].seq > q[j].seq }

// push is heap.Push. It returns the queue, which stays in the caller's
// array while it fits.
func (h nodeQueue) push(n *Node) nodeQueue {
	h = append(h, n)
	j := len(h) - 1
	for {
		i := (j - 1) / 2 // parent
		if i == j || !h.less(j, i) {
			break
		}
		h[i], h[j] = h[j], h[i]
		j = i
	}
	return h
}

// pop is heap.Pop: the first node and the queue without it.
func (h nodeQueue) pop() (*Node, nodeQueue) {
	n := len(h) - 1
	h[0], h[n] = h[n], h[0]
	i := 0
	for {
		j1 := 2*i + 1
		if j1 >= n || j1 < 0 { // j1 < 0 after int overflow
			break
		}
		j := j1 // left child
		if j2 := j1 + 1; j2 < n && h.less(j2, j1) {
			j = j2 // = 2*i + 2  // right child
		}
		if !h.less(j, i) {
			break
		}
		h[i], h[j] = h[j], h[i]
		i = j
	}
	return h[n], h[:n]
}

// ErrBackwardTwice is PyTorch's message for a second backward through freed
// saved tensors.
const ErrBackwardTwice = "Trying to backward through the graph a second time (or directly access saved tensors after they have already been freed). Saved intermediate values of the graph are freed when you call .backward() or autograd.grad(). Specify retain_graph=True if you need to backward through the graph a second time or if you need to access saved tensors after calling backward."

// Backward is tensor.backward(gradient, retain_graph): it accumulates into
// the .grad of every leaf that requires grad. grad may be nil for a
// one-element root.
func Backward(root, grad *Tensor, retainGraph bool) error {
	if !root.requiresGrad {
		return errorf("RuntimeError", "element 0 of tensors does not require grad and does not have a grad_fn")
	}
	c := root.ctx
	if grad == nil {
		if root.Numel() != 1 {
			return errorf("RuntimeError", "grad can be implicitly created only for scalar outputs")
		}
		var err error
		if grad, err = c.rootGrad(root.dtype, root.shape); err != nil {
			return err
		}
	} else if !sameShape(grad.shape, root.shape) {
		return errorf("RuntimeError", "Mismatch in shape: grad_output[0] has a shape of %s and output[0] has a shape of %s.", ShapeString(grad.shape), ShapeString(root.shape))
	}
	saved, savedPass := c.GradEnabled, c.inPass
	c.GradEnabled, c.inPass = false, true
	defer func() { c.GradEnabled, c.inPass = saved, savedPass }()

	start := root.gradNode()
	c.epoch++
	ep := c.epoch
	start.epoch, start.deps, start.pending = ep, 0, nil
	var buf [16]*Node
	stack := append(buf[:0], start)
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, m := range n.next {
			if m == nil {
				continue
			}
			if m.epoch != ep {
				m.epoch, m.deps, m.pending = ep, 0, nil
				stack = append(stack, m)
			}
			m.deps++
		}
	}
	start.pending = grad
	var qbuf [16]*Node
	q := nodeQueue(append(qbuf[:0], start))
	for len(q) > 0 {
		var n *Node
		n, q = q.pop()
		g := n.pending
		n.pending = nil
		if n.acc {
			if err := accumulate(n.t, g); err != nil {
				return err
			}
			continue
		}
		if n.freed {
			return errorf("RuntimeError", "%s", ErrBackwardTwice)
		}
		if out := n.out(); out != nil && out.retainGrad {
			if err := accumulate(out, g); err != nil {
				return err
			}
		}
		grads, err := n.fn.grad(g)
		if err != nil {
			return err
		}
		if !retainGraph && n.saves {
			n.freed = true
		}
		for i, m := range n.next {
			if m == nil {
				continue
			}
			if i < len(grads) && grads[i] != nil {
				if m.pending != nil {
					sum, err := Add(m.pending, grads[i], 1)
					if err != nil {
						return err
					}
					m.pending = sum
				} else {
					m.pending = grads[i]
				}
			}
			m.deps--
			if m.deps == 0 && m.pending != nil {
				q = q.push(m)
			}
		}
	}
	return nil
}

// rootGrad is the gradient backward() of a one-element root starts from:
// ones, made as Full makes them. A 0-dim one (a loss's) is kept in c and
// used again, its bytes charged again as a new tensor's would be: nothing
// keeps a gradient past Backward but the copies accumulate makes, and no
// backward function writes its gradient, so it stays a one.
func (c *Context) rootGrad(dtype DType, shape []int) (*Tensor, error) {
	if one := c.one; len(shape) == 0 && one != nil && one.dtype == dtype && one.st.Data[0] == 1 {
		if c.Budget != nil {
			if err := c.Budget.Charge(int64(dtype.ItemSize())); err != nil {
				return nil, err
			}
		}
		return one, nil
	}
	t, err := Full(c, dtype, shape, 1)
	if err == nil && len(shape) == 0 {
		c.one = t
	}
	return t, err
}

// accumulate adds g into t.Grad the way AccumulateGrad does: the first
// gradient is stored (g itself when steal may take it, else a copy), later
// ones are added in place.
func accumulate(t, g *Tensor) error {
	if g.dtype != t.dtype {
		var err error
		if g, err = g.To(t.dtype); err != nil {
			return err
		}
	}
	if t.Grad == nil {
		if g.Numel() != t.Numel() {
			_, err := FromValues(t.ctx, t.dtype, t.shape, g.vals()) // its error
			return err
		}
		if ok, err := steal(t, g); ok || err != nil {
			return err
		}
		c, err := Empty(t.ctx, t.dtype, t.shape)
		if err != nil {
			return err
		}
		c.scratch, c.st.scratch = false, false
		// g's values copied straight into the new gradient, though g
		// be a strided view (a transposed weight's gradient)
		i := 0
		data := c.st.Data
		g.each(func(pos int) {
			data[i] = t.dtype.Round(g.st.Data[pos])
			i++
		})
		t.Grad = c
		return nil
	}
	return t.Grad.AddInPlace(g, 1)
}

// steal makes g itself the first gradient of t when the copy accumulate
// would make is g's twin, as AccumulateGrad does when nothing else holds
// the gradient: g was made by a backward function in this pass (so no
// Python object, saved tensor or other .grad holds it, or its storage,
// and none will once the pass is over), it is the one tensor of this
// pass that takes its storage, and it is laid out as a new tensor of t's
// shape and dtype would be. Its values are rounded and its bytes charged
// as the copy's would be.
func steal(t, g *Tensor) (bool, error) {
	if !g.scratch || !g.st.scratch || g.ctx != t.ctx || g.dtype != t.dtype || g.off != 0 || len(g.st.Data) != g.Numel() || !sameShape(g.shape, t.shape) || !hasContiguousStrides(g) {
		return false, nil
	}
	if g.requiresGrad || g.gradFn() != nil || g.Grad != nil || g.Owner != nil || g.wrapped {
		return false, nil
	}
	if c := t.ctx; c.Budget != nil {
		if err := c.Budget.Charge(int64(g.Numel()) * int64(t.dtype.ItemSize())); err != nil {
			return false, err
		}
	}
	for i, v := range g.st.Data {
		g.st.Data[i] = t.dtype.Round(v)
	}
	g.scratch, g.st.scratch = false, false
	t.Grad = g
	return true, nil
}

// hasContiguousStrides reports whether t's strides are those Empty gives
// its shape.
func hasContiguousStrides(t *Tensor) bool {
	s := 1
	for i := len(t.shape) - 1; i >= 0; i-- {
		if t.strides[i] != s {
			return false
		}
		if t.shape[i] > 1 {
			s *= t.shape[i]
		}
	}
	return true
}

func sameShape(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
