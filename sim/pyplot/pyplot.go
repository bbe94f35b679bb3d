// Package pyplot gives the simulator's language the small part of
// matplotlib a checkpointing lesson needs to draw loss curves: the
// matplotlib and matplotlib.pyplot modules with plot, scatter, xlabel,
// ylabel, title, legend, grid, xscale/yscale, figure, subplots (one axes),
// gca/gcf, close, clf, show and savefig. Figures are drawn by sim/plot as SVG.
//
// The texts it prints (reprs, return values, error messages) are matplotlib
// 3.8's, recorded in testdata/cases. Where the simulator does less than
// matplotlib (more than one axes, PNG output, some scales and markers), it
// says so with a NotImplementedError or ValueError that names the simulator.
//
// show() and savefig() hand the SVG to the run (Shown collects it for the
// page); savefig also writes it into the workspace. show() then closes the
// figures, as a notebook does (matplotlib's Agg backend would keep them).
package pyplot

import (
	"fmt"
	"math"
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/ckptlab/ckptlab/sim/plot"
	"github.com/ckptlab/ckptlab/sim/python"
)

// Classes of the objects pyplot returns. Their texts are matplotlib's.
var (
	FigureClass     = python.NewClass("Figure")
	AxesClass       = python.NewClass("Axes")
	line2DClass     = python.NewClass("Line2D")
	collectionClass = python.NewClass("PathCollection")
	legendClass     = python.NewClass("Legend")
	textClass       = python.NewClass("Text")
)

// MaxFigures bounds the figures a run may keep open, as each holds its data.
const MaxFigures = 20

// Figure is a matplotlib figure with at most one axes.
type Figure struct {
	num   int
	label string
	inch  [2]float64 // figsize
	dpi   float64
	axes  *Axes // nil until something asks for one (gca, plot, subplots, ...)
}

func (*Figure) Type() *python.Class { return FigureClass }

// Axes is the one axes of a Figure: what it draws.
type Axes struct {
	fig *Figure
	p   plot.Figure
	// The property cycles: lines take the next colour of one, scatter
	// plots of the other, as matplotlib's Axes keep two.
	lineCycle, patchCycle int
}

func (*Axes) Type() *python.Class { return AxesClass }

// artist is a returned Line2D, PathCollection or Legend. A Line2D or
// PathCollection knows its series, so legend(handles, labels) can name it.
type artist struct {
	cls    *python.Class
	ax     *Axes
	series int
	label  string
}

func (a *artist) Type() *python.Class { return a.cls }

// text is a returned Text: matplotlib prints it as Text(x, y, 'label').
type text struct {
	x, y  string
	label string
}

func (*text) Type() *python.Class { return textClass }

// state is one run's open figures, the current one last (matplotlib's
// Gcf keeps its figure managers in this order).
type state struct {
	figs  []*Figure
	shown []string
}

const stateKey = "pyplot.state"

func runState(t *python.Thread) *state {
	s, _ := t.Local(stateKey).(*state)
	if s == nil {
		s = &state{}
		t.SetLocal(stateKey, s)
	}
	return s
}

// Shown returns the SVG documents the run's show() and savefig() calls
// produced, in order.
func Shown(t *python.Thread) []string {
	s, _ := t.Local(stateKey).(*state)
	if s == nil {
		return nil
	}
	return s.shown
}

func init() {
	FigureClass.Module = "matplotlib.figure"
	AxesClass.Module = "matplotlib.axes._axes"
	line2DClass.Module = "matplotlib.lines"
	collectionClass.Module = "matplotlib.collections"
	legendClass.Module = "matplotlib.legend"
	textClass.Module = "matplotlib.text"

	str := func(c *python.Class, name string, fn func(t *python.Thread, self python.Value) string) {
		c.SetMethod(name, func(t *python.Thread, self python.Value, args python.Args) (python.Value, error) {
			return python.Str(fn(t, self)), nil
		})
	}
	str(textClass, "__repr__", func(t *python.Thread, self python.Value) string {
		x := self.(*text)
		return "Text(" + x.x + ", " + x.y + ", " + quote(t, x.label) + ")"
	})
	str(FigureClass, "__str__", func(t *python.Thread, self python.Value) string {
		w, h := self.(*Figure).pixels()
		return "Figure(" + pyG(w) + "x" + pyG(h) + ")"
	})
	str(FigureClass, "__repr__", func(t *python.Thread, self python.Value) string {
		f := self.(*Figure)
		w, h := f.pixels()
		n := 0
		if f.axes != nil {
			n = 1
		}
		return fmt.Sprintf("<Figure size %sx%s with %d Axes>", pyG(w), pyG(h), n)
	})
	// Every axes fills the default subplot position of its figure.
	str(AxesClass, "__str__", func(t *python.Thread, self python.Value) string {
		return "Axes(0.125,0.11;0.775x0.77)"
	})
	str(AxesClass, "__repr__", func(t *python.Thread, self python.Value) string {
		return self.(*Axes).repr(t)
	})
	// A Line2D prints its label; matplotlib labels an unlabelled line
	// "_child<n>" when it joins the axes.
	str(line2DClass, "__str__", func(t *python.Thread, self python.Value) string {
		return "Line2D(" + self.(*artist).label + ")"
	})

	for _, name := range sortedNames(axesFuncs) {
		fn := axesFuncs[name]
		AxesClass.SetMethod(name, func(t *python.Thread, self python.Value, args python.Args) (python.Value, error) {
			return fn(t, self.(*Axes), args, "Axes")
		})
	}
	figMethod := func(name string, fn func(t *python.Thread, f *Figure, args python.Args) (python.Value, error)) {
		FigureClass.SetMethod(name, func(t *python.Thread, self python.Value, args python.Args) (python.Value, error) {
			return fn(t, self.(*Figure), args)
		})
	}
	figMethod("savefig", savefig)
	figMethod("gca", func(t *python.Thread, f *Figure, args python.Args) (python.Value, error) {
		if err := python.UnpackArgs("gca", args); err != nil {
			return nil, err
		}
		return f.ensureAxes(), nil
	})
	figMethod("add_subplot", addSubplot)
	clear := func(t *python.Thread, f *Figure, args python.Args) (python.Value, error) {
		var keep python.Value = python.False
		if err := python.UnpackArgs("clear", args, "keep_observers?", &keep); err != nil {
			return nil, err
		}
		f.axes = nil
		return python.None, nil
	}
	figMethod("clear", clear)
	figMethod("clf", clear)
	figMethod("tight_layout", func(t *python.Thread, f *Figure, args python.Args) (python.Value, error) {
		return python.None, nil // layout changes nothing the simulator draws
	})
	figMethod("get_axes", func(t *python.Thread, f *Figure, args python.Args) (python.Value, error) {
		if err := python.UnpackArgs("get_axes", args); err != nil {
			return nil, err
		}
		return f.axesList(), nil
	})
	FigureClass.SetProperty("axes", func(t *python.Thread, self python.Value) (python.Value, error) {
		return self.(*Figure).axesList(), nil
	}, nil)
	figMethod("show", func(t *python.Thread, f *Figure, args python.Args) (python.Value, error) {
		return python.None, nil // non-interactive: pyplot.show() draws
	})
	FigureClass.SetProperty("number", func(t *python.Thread, self python.Value) (python.Value, error) {
		return python.Int(self.(*Figure).num), nil
	}, nil)
	for _, c := range []*python.Class{FigureClass, AxesClass, line2DClass, collectionClass, legendClass, textClass} {
		c.Freeze()
	}

	python.RegisterModule("matplotlib", func(t *python.Thread, m *python.Module) error {
		m.Set("__version__", python.Str("3.8.0"))
		m.SetFunc("use", func(t *python.Thread, args python.Args) (python.Value, error) {
			var backend python.Value
			var force python.Value = python.True
			return python.None, python.UnpackArgs("use", args, "backend", &backend, "*", "force?", &force)
		})
		return nil
	})
	python.RegisterModule("matplotlib.pyplot", initPyplot)
}

func initPyplot(t *python.Thread, m *python.Module) error {
	// pyplot's state functions work on the current figure's axes, making
	// the figure and its axes first when there are none, as matplotlib does.
	for _, name := range sortedNames(pyplotNames) {
		fn, pyName := axesFuncs[name], pyplotNames[name]
		m.SetFunc(pyName, func(t *python.Thread, args python.Args) (python.Value, error) {
			f, err := currentFigure(t)
			if err != nil {
				return nil, err
			}
			return fn(t, f.ensureAxes(), args, "")
		})
	}
	for _, name := range sortedNames(logPlots) {
		fn := logPlots[name]
		m.SetFunc(name, func(t *python.Thread, args python.Args) (python.Value, error) {
			f, err := currentFigure(t)
			if err != nil {
				return nil, err
			}
			return fn(t, f.ensureAxes(), args, "")
		})
	}
	m.SetFunc("cla", func(t *python.Thread, args python.Args) (python.Value, error) {
		if err := python.UnpackArgs("cla", args); err != nil {
			return nil, err
		}
		f, err := currentFigure(t)
		if err != nil {
			return nil, err
		}
		f.ensureAxes().clear()
		return python.None, nil
	})
	// Layout and redrawing change nothing the simulator draws.
	for _, name := range []string{"tight_layout", "draw"} {
		name := name
		m.SetFunc(name, func(t *python.Thread, args python.Args) (python.Value, error) {
			if name == "draw" && len(args.Pos)+len(args.Kw) > 0 {
				return nil, python.Errorf(python.TypeErrorClass, "draw() takes 0 positional arguments but %d were given", len(args.Pos))
			}
			if _, err := currentFigure(t); err != nil {
				return nil, err
			}
			return python.None, nil
		})
	}
	m.SetFunc("get_fignums", func(t *python.Thread, args python.Args) (python.Value, error) {
		if err := python.UnpackArgs("get_fignums", args); err != nil {
			return nil, err
		}
		var nums []int
		for _, f := range runState(t).figs {
			nums = append(nums, f.num)
		}
		sort.Ints(nums)
		out := make([]python.Value, len(nums))
		for i, n := range nums {
			out[i] = python.Int(n)
		}
		return python.NewList(out), nil
	})
	m.SetFunc("fignum_exists", func(t *python.Thread, args python.Args) (python.Value, error) {
		var num python.Value
		if err := python.UnpackArgs("fignum_exists", args, "num", &num); err != nil {
			return nil, err
		}
		n, isNum, _ := python.AsFloat(num)
		for _, f := range runState(t).figs {
			if (isNum && n == float64(f.num)) || num == python.Str(f.label) {
				return python.True, nil
			}
		}
		return python.False, nil
	})
	m.SetFunc("figure", figure)
	m.SetFunc("subplots", subplots)
	m.SetFunc("gcf", func(t *python.Thread, args python.Args) (python.Value, error) {
		if err := python.UnpackArgs("gcf", args); err != nil {
			return nil, err
		}
		return currentFigure(t)
	})
	m.SetFunc("gca", func(t *python.Thread, args python.Args) (python.Value, error) {
		if err := python.UnpackArgs("gca", args); err != nil {
			return nil, err
		}
		f, err := currentFigure(t)
		if err != nil {
			return nil, err
		}
		return f.ensureAxes(), nil
	})
	m.SetFunc("close", closeFigure)
	m.SetFunc("clf", func(t *python.Thread, args python.Args) (python.Value, error) {
		if err := python.UnpackArgs("clf", args); err != nil {
			return nil, err
		}
		f, err := currentFigure(t)
		if err != nil {
			return nil, err
		}
		f.axes = nil
		return python.None, nil
	})
	m.SetFunc("show", func(t *python.Thread, args python.Args) (python.Value, error) {
		var block python.Value = python.None
		if err := python.UnpackArgs("show", args, "*", "block?", &block); err != nil {
			return nil, err
		}
		s := runState(t)
		for _, f := range s.figs {
			svg := f.svg()
			if err := t.Alloc(int64(len(svg))); err != nil {
				return nil, err
			}
			s.shown = append(s.shown, string(svg))
		}
		s.figs = nil
		return python.None, nil
	})
	m.SetFunc("savefig", func(t *python.Thread, args python.Args) (python.Value, error) {
		f, err := currentFigure(t)
		if err != nil {
			return nil, err
		}
		return savefig(t, f, args)
	})
	addUnsupportedPyplot(m)
	return nil
}

// pyplotNames maps the Axes methods to the pyplot functions that call
// them on the current axes.
var pyplotNames = map[string]string{
	"plot": "plot", "scatter": "scatter", "set_xlabel": "xlabel", "set_ylabel": "ylabel",
	"set_title": "title", "legend": "legend", "grid": "grid", "set_xscale": "xscale",
	"set_yscale": "yscale",
}

// current is the current figure, or nil.
func (s *state) current() *Figure {
	if n := len(s.figs); n > 0 {
		return s.figs[n-1]
	}
	return nil
}

// activate makes f the current figure.
func (s *state) activate(f *Figure) {
	s.remove(f)
	s.figs = append(s.figs, f)
}

func (s *state) remove(f *Figure) {
	for i, x := range s.figs {
		if x == f {
			s.figs = append(s.figs[:i], s.figs[i+1:]...)
			return
		}
	}
}

func (s *state) byNum(num int) *Figure {
	for _, f := range s.figs {
		if f.num == num {
			return f
		}
	}
	return nil
}

// nextNum is the number matplotlib gives a new figure: one more than the
// largest open one.
func (s *state) nextNum() int {
	n := 0
	for _, f := range s.figs {
		n = max(n, f.num)
	}
	return n + 1
}

func currentFigure(t *python.Thread) (*Figure, error) {
	s := runState(t)
	if f := s.current(); f != nil {
		return f, nil
	}
	return newFigure(t, s.nextNum(), "", python.None, python.None)
}

// ensureAxes returns the figure's axes, adding it if there is none.
func (f *Figure) ensureAxes() *Axes {
	if f.axes == nil {
		f.axes = &Axes{fig: f}
	}
	return f.axes
}

// figure is pyplot.figure(num=None, figsize=None, dpi=None, *, facecolor,
// edgecolor, frameon, FigureClass, clear, **kwargs): a new figure, or the
// open one num names (by number, label or the Figure itself), made current.
func figure(t *python.Thread, args python.Args) (python.Value, error) {
	var num, figsize, dpi python.Value = python.None, python.None, python.None
	clear := false
	var kw []python.Kwarg
	for _, k := range args.Kw {
		switch k.Name {
		case "num", "figsize", "dpi":
			kw = append(kw, k)
		case "clear":
			b, err := python.Truth(t, k.Value)
			if err != nil {
				return nil, err
			}
			clear = b
		case "facecolor", "edgecolor", "frameon", "FigureClass", "layout", "tight_layout", "constrained_layout", "linewidth":
			// accepted; the simulator draws every figure white and unframed
		default:
			return nil, python.Errorf(python.AttributeErrorClass, "Figure.set() got an unexpected keyword argument '%s'", k.Name)
		}
	}
	if err := python.UnpackArgs("figure", python.Args{Pos: args.Pos, Kw: kw}, "num?", &num, "figsize?", &figsize, "dpi?", &dpi); err != nil {
		return nil, err
	}
	f, err := figureFor(t, num, figsize, dpi)
	if err != nil {
		return nil, err
	}
	if clear {
		f.axes = nil
	}
	return f, nil
}

func figureFor(t *python.Thread, num, figsize, dpi python.Value) (*Figure, error) {
	s := runState(t)
	label := ""
	n := 0
	switch x := num.(type) {
	case *Figure:
		s.activate(x)
		return x, nil
	case python.NoneType:
		n = s.nextNum()
	case python.Str:
		label = string(x)
		for _, f := range s.figs {
			if f.label == label {
				s.activate(f)
				return f, nil
			}
		}
		n = s.nextNum()
	default:
		v, err := python.Call(t, python.IntClass, python.Args{Pos: []python.Value{num}})
		if err != nil {
			return nil, err
		}
		i, ok := python.AsInt64(v)
		if !ok || i > math.MaxInt32 || i < math.MinInt32 {
			return nil, python.Errorf(python.ValueErrorClass, "the simulator numbers figures with small integers, not %s", reprOf(t, num))
		}
		n = int(i)
		if f := s.byNum(n); f != nil {
			s.activate(f)
			return f, nil
		}
	}
	return newFigure(t, n, label, figsize, dpi)
}

func newFigure(t *python.Thread, num int, label string, figsize, dpi python.Value) (*Figure, error) {
	s := runState(t)
	if len(s.figs) >= MaxFigures {
		return nil, python.Errorf(python.RuntimeErrorClass, "the simulator keeps at most %d figures open; call plt.close() on those you are done with", MaxFigures)
	}
	f := &Figure{num: num, label: label, inch: [2]float64{6.4, 4.8}, dpi: 100}
	if figsize != python.None {
		size, err := figureSize(t, figsize)
		if err != nil {
			return nil, err
		}
		f.inch = size
	}
	if dpi != python.None {
		d, ok, err := python.AsFloat(dpi)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, python.Errorf(python.TypeErrorClass, "dpi must be a number, not %s", typeName(dpi))
		}
		f.dpi = d
	}
	s.activate(f)
	return f, nil
}

// figureSize checks figsize as matplotlib's Figure.__init__ does: two
// finite numbers, neither negative (zero is allowed).
func figureSize(t *python.Thread, figsize python.Value) ([2]float64, error) {
	var vals []float64
	err := python.Iterate(t, figsize, func(e python.Value) error {
		f, ok, err := python.AsFloat(e)
		if err != nil {
			return err
		}
		if !ok {
			return python.Errorf(python.TypeErrorClass, "ufunc 'isfinite' not supported for the input types, and the inputs could not be safely coerced to any supported types according to the casting rule ''safe''")
		}
		vals = append(vals, f)
		return nil
	})
	if err != nil {
		if e, ok := err.(*python.Exception); ok && e.Type() == python.TypeErrorClass && strings.Contains(e.Message(), "not iterable") {
			return [2]float64{}, python.Errorf(python.TypeErrorClass, "Value after * must be an iterable, not %s", typeName(figsize))
		}
		return [2]float64{}, err
	}
	for _, v := range vals {
		if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
			s, err := python.ToStr(t, figsize)
			if err != nil {
				return [2]float64{}, err
			}
			return [2]float64{}, python.Errorf(python.ValueErrorClass, "figure size must be positive finite not %s", s)
		}
	}
	switch {
	case len(vals) == 0:
		return [2]float64{}, python.Errorf(python.TypeErrorClass, "Bbox.from_bounds() missing 2 required positional arguments: 'width' and 'height'")
	case len(vals) == 1:
		return [2]float64{}, python.Errorf(python.TypeErrorClass, "Bbox.from_bounds() missing 1 required positional argument: 'height'")
	case len(vals) > 2:
		return [2]float64{}, python.Errorf(python.TypeErrorClass, "Bbox.from_bounds() takes 4 positional arguments but %d were given", len(vals)+2)
	}
	return [2]float64{vals[0], vals[1]}, nil
}

// subplots is pyplot.subplots(nrows=1, ncols=1, *, sharex, sharey, squeeze,
// width_ratios, height_ratios, subplot_kw, gridspec_kw, **fig_kw) for one
// axes: the simulator draws one axes per figure.
func subplots(t *python.Thread, args python.Args) (python.Value, error) {
	var nrows, ncols python.Value = python.Int(1), python.Int(1)
	pos := args.Pos
	var kw, figKw []python.Kwarg
	for _, k := range args.Kw {
		switch k.Name {
		case "nrows", "ncols":
			kw = append(kw, k)
		case "sharex", "sharey", "squeeze", "width_ratios", "height_ratios", "subplot_kw", "gridspec_kw":
			// one axes: nothing to share or lay out
		default:
			figKw = append(figKw, k)
		}
	}
	if len(pos) > 2 {
		return nil, python.Errorf(python.TypeErrorClass, "subplots() takes from 0 to 2 positional arguments but %d were given", len(pos))
	}
	if err := python.UnpackArgs("subplots", python.Args{Pos: pos, Kw: kw}, "nrows?", &nrows, "ncols?", &ncols); err != nil {
		return nil, err
	}
	// matplotlib makes the figure first, so it stays open when the grid is refused.
	fv, err := figure(t, python.Args{Kw: figKw})
	if err != nil {
		return nil, err
	}
	f := fv.(*Figure)
	for _, d := range []struct {
		what string
		v    python.Value
	}{{"rows", nrows}, {"columns", ncols}} {
		if n, ok := python.AsInt64(d.v); !ok || n <= 0 {
			return nil, python.Errorf(python.ValueErrorClass, "Number of %s must be a positive integer, not %s", d.what, reprOf(t, d.v))
		}
	}
	r, _ := python.AsInt64(nrows)
	c, _ := python.AsInt64(ncols)
	if r != 1 || c != 1 {
		return nil, python.Errorf(python.NotImplementedErrorClass, "the simulator draws one axes per figure: subplots(%d, %d) is not supported; make one figure per plot", r, c)
	}
	return python.Tuple{f, f.ensureAxes()}, nil
}

// addSubplot is Figure.add_subplot for the one axes: add_subplot(),
// add_subplot(111) or add_subplot(1, 1, 1).
func addSubplot(t *python.Thread, f *Figure, args python.Args) (python.Value, error) {
	var spec []int64
	for _, a := range args.Pos {
		n, ok := python.AsInt64(a)
		if !ok {
			spec = nil
			break
		}
		spec = append(spec, n)
	}
	one := len(args.Pos) == 0 || (len(spec) == 1 && spec[0] == 111) || (len(spec) == 3 && spec[0] == 1 && spec[1] == 1 && spec[2] == 1)
	if !one || len(args.Kw) > 0 {
		return nil, python.Errorf(python.NotImplementedErrorClass, "the simulator draws one axes per figure: use add_subplot() or add_subplot(111)")
	}
	return f.ensureAxes(), nil
}

// closeFigure is pyplot.close(fig=None) as matplotlib 3.8 has it: None
// closes the current figure, "all" every figure, an int the figure of that
// number, a str the figure of that label (nothing when there is none), a
// Figure itself.
func closeFigure(t *python.Thread, args python.Args) (python.Value, error) {
	var which python.Value = python.None
	if err := python.UnpackArgs("close", args, "fig?", &which); err != nil {
		return nil, err
	}
	s := runState(t)
	switch x := which.(type) {
	case python.NoneType:
		if f := s.current(); f != nil {
			s.remove(f)
		}
	case python.Str:
		if x == "all" {
			s.figs = nil
			break
		}
		for _, f := range s.figs {
			if f.label == string(x) {
				s.remove(f)
				break
			}
		}
	case python.Int, python.Bool:
		n, _ := python.AsInt64(x)
		if f := s.byNum(int(n)); f != nil {
			s.remove(f)
		}
	case *Figure:
		s.remove(x)
	default:
		return nil, python.Errorf(python.TypeErrorClass, "close() argument must be a Figure, an int, a string, or None, not %s", typeRepr(which))
	}
	return python.None, nil
}

// axesList is Figure.axes: a list of its axes.
func (f *Figure) axesList() python.Value {
	if f.axes == nil {
		return python.NewList(nil)
	}
	return python.NewList([]python.Value{f.axes})
}

// pixels is the figure's size in pixels: inches times dpi.
func (f *Figure) pixels() (float64, float64) {
	return f.inch[0] * f.dpi, f.inch[1] * f.dpi
}

// svg draws the figure. Its size is drawn at 100 pixels an inch whatever
// the dpi, kept between 1 and 40 inches so the page can show it.
func (f *Figure) svg() []byte {
	clamp := func(in float64) float64 { return math.Round(math.Min(math.Max(in, 1), 40) * 100) }
	var p plot.Figure
	if f.axes != nil {
		p = f.axes.p
	} else {
		p.NoAxes = true
	}
	p.Width, p.Height = clamp(f.inch[0]), clamp(f.inch[1])
	return p.SVG()
}

// savefig is Figure.savefig(fname, *, transparent=None, **kwargs): it
// writes the figure into the workspace as SVG and shows it.
func savefig(t *python.Thread, f *Figure, args python.Args) (python.Value, error) {
	if len(args.Pos) < 1 {
		return nil, python.Errorf(python.TypeErrorClass, "Figure.savefig() missing 1 required positional argument: 'fname'")
	}
	if len(args.Pos) > 1 {
		return nil, python.Errorf(python.TypeErrorClass, "Figure.savefig() takes 2 positional arguments but %d were given", len(args.Pos)+1)
	}
	var name string
	switch x := args.Pos[0].(type) {
	case python.Str:
		name = string(x)
	default:
		v, err := python.CallMethod(t, x, "__fspath__", python.Args{})
		if err != nil {
			return nil, python.Errorf(python.AttributeErrorClass, "'%s' object has no attribute 'write'", typeName(x))
		}
		s, ok := v.(python.Str)
		if !ok {
			return nil, python.Errorf(python.AttributeErrorClass, "'%s' object has no attribute 'write'", typeName(x))
		}
		name = string(s)
	}
	format := strings.TrimPrefix(path.Ext(name), ".")
	if v := args.Kwarg("format"); v != nil && v != python.None {
		s, ok := v.(python.Str)
		if !ok {
			return nil, python.Errorf(python.AttributeErrorClass, "'%s' object has no attribute 'lower'", typeName(v))
		}
		format = string(s)
	}
	if format == "" {
		format = "png" // matplotlib's savefig.format
		name += ".png"
	}
	switch strings.ToLower(format) {
	case "svg":
	case "eps", "jpeg", "jpg", "pdf", "pgf", "png", "ps", "raw", "rgba", "svgz", "tif", "tiff", "webp":
		return nil, python.Errorf(python.ValueErrorClass, "Format %s is not supported by the simulator, which saves figures as SVG only: use a name ending in .svg", quote(t, format))
	default:
		return nil, python.Errorf(python.ValueErrorClass, "Format %s is not supported (supported formats: eps, jpeg, jpg, pdf, pgf, png, ps, raw, rgba, svg, svgz, tif, tiff, webp)", quote(t, format))
	}
	svg := f.svg()
	if err := t.Alloc(2 * int64(len(svg))); err != nil {
		return nil, err
	}
	if err := t.Workspace().WriteFile(name, svg); err != nil {
		return nil, err
	}
	s := runState(t)
	s.shown = append(s.shown, string(svg))
	return python.None, nil
}

// sortedNames are a map's keys in order, so that classes and modules are
// built the same way every run.
func sortedNames[V any](m map[string]V) []string {
	names := make([]string, 0, len(m))
	for k := range m {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}

// pyG formats a number as Python's "%g" does: six significant digits,
// trailing zeros dropped.
func pyG(v float64) string {
	switch {
	case math.IsNaN(v):
		return "nan"
	case math.IsInf(v, 1):
		return "inf"
	case math.IsInf(v, -1):
		return "-inf"
	}
	s := strconv.FormatFloat(v, 'g', 6, 64)
	if i := strings.IndexAny(s, "e"); i >= 0 {
		mant, exp := s[:i], s[i+1:]
		sign := exp[0]
		digits := strings.TrimLeft(exp[1:], "0")
		if len(digits) < 2 {
			digits = strings.Repeat("0", 2-len(digits)) + digits
		}
		return mant + "e" + string(sign) + digits
	}
	return s
}

func quote(t *python.Thread, s string) string {
	r, _ := python.Repr(t, python.Str(s))
	return r
}

func reprOf(t *python.Thread, v python.Value) string {
	r, err := python.Repr(t, v)
	if err != nil {
		return "<" + typeName(v) + ">"
	}
	return r
}

func typeName(v python.Value) string { return v.Type().Name }

func typeRepr(v python.Value) string {
	c := v.Type()
	if c.Module == "builtins" || c.Module == "" {
		return "<class '" + c.Name + "'>"
	}
	return "<class '" + c.Module + "." + c.Name + "'>"
}
