// Package pyplot gives the simulator's language the small part of
// matplotlib a checkpointing lesson needs to draw loss curves: the
// matplotlib and matplotlib.pyplot modules with plot, scatter, xlabel,
// ylabel, title, legend, grid, xscale/yscale, figure, subplots (one axes),
// gca/gcf, close, show and savefig. Figures are drawn by sim/plot as SVG.
//
// show() and savefig() hand the SVG to the run (Shown collects it for the
// page); savefig also writes it into the workspace. Only SVG is written:
// the simulator has no raster renderer, and asking for PNG says so.
package pyplot

import (
	"fmt"
	"math"
	"path"
	"regexp"
	"strings"

	"github.com/ckptlab/ckptlab/sim/plot"
	"github.com/ckptlab/ckptlab/sim/python"
)

// Classes of the objects pyplot returns. Their reprs are matplotlib's.
var (
	FigureClass    = python.NewClass("Figure")
	AxesClass      = python.NewClass("Axes")
	line2DClass    = python.NewClass("Line2D")
	collectionClas = python.NewClass("PathCollection")
	legendClass    = python.NewClass("Legend")
	textClass      = python.NewClass("Text")
)

// MaxFigures bounds the figures a run may keep open, as each holds its data.
const MaxFigures = 20

// Figure is a matplotlib figure with its one axes.
type Figure struct {
	num  int
	fig  plot.Figure
	axes *Axes
	inch [2]float64 // figsize
}

func (*Figure) Type() *python.Class { return FigureClass }

// Axes is the one axes of a Figure.
type Axes struct{ fig *Figure }

func (*Axes) Type() *python.Class { return AxesClass }

// artist is a returned Line2D, PathCollection or Legend: opaque handles.
type artist struct{ cls *python.Class }

func (a *artist) Type() *python.Class { return a.cls }

// text is a returned Text: matplotlib prints it as Text(x, y, 'label').
type text struct {
	x, y  string
	label string
}

func (*text) Type() *python.Class { return textClass }

// state is one run's figures.
type state struct {
	figs    []*Figure
	current *Figure
	next    int
	shown   []string
}

const stateKey = "pyplot.state"

func runState(t *python.Thread) *state {
	s, _ := t.Local(stateKey).(*state)
	if s == nil {
		s = &state{next: 1}
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
	collectionClas.Module = "matplotlib.collections"
	legendClass.Module = "matplotlib.legend"
	textClass.Module = "matplotlib.text"

	textClass.SetMethod("__repr__", func(t *python.Thread, self python.Value, args python.Args) (python.Value, error) {
		x := self.(*text)
		label, err := python.Repr(t, python.Str(x.label))
		if err != nil {
			return nil, err
		}
		return python.Str("Text(" + x.x + ", " + x.y + ", " + label + ")"), nil
	})
	FigureClass.SetMethod("__repr__", func(t *python.Thread, self python.Value, args python.Args) (python.Value, error) {
		f := self.(*Figure)
		w, h := f.size()
		return python.Str(fmt.Sprintf("<Figure size %gx%g with 1 Axes>", w, h)), nil
	})
	AxesClass.SetMethod("__repr__", func(t *python.Thread, self python.Value, args python.Args) (python.Value, error) {
		return python.Str(self.(*Axes).repr(t)), nil
	})

	// The Axes methods; pyplot's functions call them on the current axes.
	axesMethod := func(name string, fn func(t *python.Thread, ax *Axes, args python.Args) (python.Value, error)) {
		AxesClass.SetMethod(name, func(t *python.Thread, self python.Value, args python.Args) (python.Value, error) {
			return fn(t, self.(*Axes), args)
		})
	}
	for name, fn := range axesFuncs {
		axesMethod(name, fn)
	}
	FigureClass.SetMethod("savefig", func(t *python.Thread, self python.Value, args python.Args) (python.Value, error) {
		return savefig(t, self.(*Figure), args)
	})
	FigureClass.SetMethod("gca", func(t *python.Thread, self python.Value, args python.Args) (python.Value, error) {
		return self.(*Figure).axes, nil
	})
	FigureClass.SetMethod("show", func(t *python.Thread, self python.Value, args python.Args) (python.Value, error) {
		return python.None, nil // non-interactive: pyplot.show() draws
	})
	for _, c := range []*python.Class{FigureClass, AxesClass, line2DClass, collectionClas, legendClass, textClass} {
		c.Freeze()
	}

	python.RegisterModule("matplotlib", func(t *python.Thread, m *python.Module) error {
		m.Set("__version__", python.Str("3.8.0"))
		m.SetFunc("use", func(t *python.Thread, args python.Args) (python.Value, error) {
			var backend string
			var force bool
			return python.None, python.UnpackArgs("use", args, "backend", &backend, "force?", &force)
		})
		return nil
	})
	python.RegisterModule("matplotlib.pyplot", initPyplot)
}

// axesFuncs are the methods of Axes, by name.
var axesFuncs = map[string]func(t *python.Thread, ax *Axes, args python.Args) (python.Value, error){
	"plot":    plotLines,
	"scatter": scatter,
	"set_xlabel": func(t *python.Thread, ax *Axes, args python.Args) (python.Value, error) {
		return setLabel(t, ax, args, "set_xlabel", "x")
	},
	"set_ylabel": func(t *python.Thread, ax *Axes, args python.Args) (python.Value, error) {
		return setLabel(t, ax, args, "set_ylabel", "y")
	},
	"set_title": func(t *python.Thread, ax *Axes, args python.Args) (python.Value, error) {
		return setLabel(t, ax, args, "set_title", "title")
	},
	"legend": legend,
	"grid":   grid,
	"set_yscale": func(t *python.Thread, ax *Axes, args python.Args) (python.Value, error) {
		return setScale(t, ax, args, "set_yscale", "y")
	},
	"set_xscale": func(t *python.Thread, ax *Axes, args python.Args) (python.Value, error) {
		return setScale(t, ax, args, "set_xscale", "x")
	},
}

func initPyplot(t *python.Thread, m *python.Module) error {
	// pyplot's state functions work on the current figure's axes, making a
	// figure first when there is none, as matplotlib does.
	onCurrent := func(name string) {
		fn := axesFuncs[name]
		pyName := strings.TrimPrefix(name, "set_")
		m.SetFunc(pyName, func(t *python.Thread, args python.Args) (python.Value, error) {
			f, err := currentFigure(t)
			if err != nil {
				return nil, err
			}
			return fn(t, f.axes, args)
		})
	}
	for name := range axesFuncs {
		onCurrent(name)
	}
	m.SetFunc("figure", func(t *python.Thread, args python.Args) (python.Value, error) {
		var num, figsize, dpi python.Value = python.None, python.None, python.None
		if err := python.UnpackArgs("figure", args, "num?", &num, "figsize?", &figsize, "dpi?", &dpi); err != nil {
			return nil, err
		}
		return newFigure(t, figsize)
	})
	m.SetFunc("subplots", func(t *python.Thread, args python.Args) (python.Value, error) {
		nrows, ncols := 1, 1
		var figsize python.Value = python.None
		if err := python.UnpackArgs("subplots", args, "nrows?", &nrows, "ncols?", &ncols, "*", "figsize?", &figsize); err != nil {
			return nil, err
		}
		if nrows != 1 || ncols != 1 {
			return nil, python.Errorf(python.NotImplementedErrorClass, "the simulator draws one axes per figure: subplots(%d, %d) is not supported; make one figure per plot", nrows, ncols)
		}
		f, err := newFigure(t, figsize)
		if err != nil {
			return nil, err
		}
		return python.Tuple{f, f.axes}, nil
	})
	m.SetFunc("gcf", func(t *python.Thread, args python.Args) (python.Value, error) {
		return currentFigure(t)
	})
	m.SetFunc("gca", func(t *python.Thread, args python.Args) (python.Value, error) {
		f, err := currentFigure(t)
		if err != nil {
			return nil, err
		}
		return f.axes, nil
	})
	m.SetFunc("close", func(t *python.Thread, args python.Args) (python.Value, error) {
		var which python.Value = python.None
		if err := python.UnpackArgs("close", args, "fig?", &which); err != nil {
			return nil, err
		}
		s := runState(t)
		switch x := which.(type) {
		case python.NoneType:
			if s.current != nil {
				s.remove(s.current)
			}
		case python.Str:
			if x != "all" {
				return nil, python.Errorf(python.TypeErrorClass, "close() argument must be a Figure, an int, a string, or None, not <class 'str'>")
			}
			s.figs, s.current = nil, nil
		case *Figure:
			s.remove(x)
		default:
			return nil, python.Errorf(python.TypeErrorClass, "close() argument must be a Figure, an int, a string, or None, not %s", typeRepr(which))
		}
		return python.None, nil
	})
	m.SetFunc("clf", func(t *python.Thread, args python.Args) (python.Value, error) {
		f, err := currentFigure(t)
		if err != nil {
			return nil, err
		}
		w, h := f.fig.Width, f.fig.Height
		f.fig = plot.Figure{Width: w, Height: h}
		return python.None, nil
	})
	m.SetFunc("show", func(t *python.Thread, args python.Args) (python.Value, error) {
		var block python.Value = python.None
		if err := python.UnpackArgs("show", args, "*", "block?", &block); err != nil {
			return nil, err
		}
		s := runState(t)
		for _, f := range s.figs {
			svg := f.fig.SVG()
			if err := t.Alloc(int64(len(svg))); err != nil {
				return nil, err
			}
			s.shown = append(s.shown, string(svg))
		}
		s.figs, s.current = nil, nil
		return python.None, nil
	})
	m.SetFunc("savefig", func(t *python.Thread, args python.Args) (python.Value, error) {
		f, err := currentFigure(t)
		if err != nil {
			return nil, err
		}
		return savefig(t, f, args)
	})
	return nil
}

func (s *state) remove(f *Figure) {
	for i, x := range s.figs {
		if x == f {
			s.figs = append(s.figs[:i], s.figs[i+1:]...)
			break
		}
	}
	if s.current == f {
		s.current = nil
		if n := len(s.figs); n > 0 {
			s.current = s.figs[n-1]
		}
	}
}

func currentFigure(t *python.Thread) (*Figure, error) {
	s := runState(t)
	if s.current != nil {
		return s.current, nil
	}
	return newFigure(t, python.None)
}

func newFigure(t *python.Thread, figsize python.Value) (*Figure, error) {
	s := runState(t)
	if len(s.figs) >= MaxFigures {
		return nil, python.Errorf(python.RuntimeErrorClass, "more than %d figures are open; call plt.close() on those you are done with", MaxFigures)
	}
	f := &Figure{num: s.next, inch: [2]float64{6.4, 4.8}}
	if figsize != python.None {
		vals, err := floats(t, figsize)
		if err != nil {
			return nil, err
		}
		if len(vals) != 2 || vals[0] <= 0 || vals[1] <= 0 || vals[0] > 40 || vals[1] > 40 {
			return nil, python.Errorf(python.ValueErrorClass, "figsize must be two positive numbers of inches (at most 40), got %v", vals)
		}
		f.inch = [2]float64{vals[0], vals[1]}
	}
	f.fig.Width, f.fig.Height = f.size()
	f.axes = &Axes{fig: f}
	s.next++
	s.figs = append(s.figs, f)
	s.current = f
	return f, nil
}

// size is the figure's size in pixels at matplotlib's 100 dpi.
func (f *Figure) size() (float64, float64) {
	return math.Round(f.inch[0] * 100), math.Round(f.inch[1] * 100)
}

func (ax *Axes) repr(t *python.Thread) string {
	var parts []string
	q := func(s string) string {
		r, _ := python.Repr(t, python.Str(s))
		return r
	}
	if ax.fig.fig.Title != "" {
		parts = append(parts, "title={'center': "+q(ax.fig.fig.Title)+"}")
	}
	if ax.fig.fig.XLabel != "" {
		parts = append(parts, "xlabel="+q(ax.fig.fig.XLabel))
	}
	if ax.fig.fig.YLabel != "" {
		parts = append(parts, "ylabel="+q(ax.fig.fig.YLabel))
	}
	return "<Axes: " + strings.Join(parts, ", ") + ">"
}

// plotLines is plot(*args, **kwargs): [x], y, [fmt], repeated.
func plotLines(t *python.Thread, ax *Axes, args python.Args) (python.Value, error) {
	style, err := lineStyle(t, args.Kw, "Line2D")
	if err != nil {
		return nil, err
	}
	var out []python.Value
	pos := args.Pos
	for len(pos) > 0 {
		var xv, yv python.Value
		fmtStr := ""
		switch {
		case len(pos) >= 2 && isStr(pos[1]):
			yv, fmtStr, pos = pos[0], string(pos[1].(python.Str)), pos[2:]
		case len(pos) >= 2:
			xv, yv, pos = pos[0], pos[1], pos[2:]
			if len(pos) > 0 && isStr(pos[0]) {
				fmtStr, pos = string(pos[0].(python.Str)), pos[1:]
			}
		default:
			yv, pos = pos[0], pos[1:]
		}
		if isStr(yv) {
			return nil, python.Errorf(python.ValueErrorClass, "third arg must be a format string")
		}
		ys, err := floats(t, yv)
		if err != nil {
			return nil, err
		}
		xs := make([]float64, len(ys))
		for i := range xs {
			xs[i] = float64(i)
		}
		if xv != nil {
			if xs, err = floats(t, xv); err != nil {
				return nil, err
			}
		}
		if len(xs) != len(ys) {
			return nil, python.Errorf(python.ValueErrorClass, "x and y must have same first dimension, but have shapes (%d,) and (%d,)", len(xs), len(ys))
		}
		s := style
		if fmtStr != "" {
			color, dash, marker, ok := plot.ParseFormat(fmtStr)
			if !ok {
				return nil, python.Errorf(python.ValueErrorClass, "%s is not a valid format string (unrecognized character)", quote(t, fmtStr))
			}
			if color != "" && s.Color == "" {
				s.Color = color
			}
			if s.Dash == "" {
				s.Dash = dash
			}
			if s.Marker == "" {
				s.Marker = marker
			}
		}
		s.Kind, s.X, s.Y = plot.Line, xs, ys
		if err := t.Alloc(int64(16 * len(xs))); err != nil {
			return nil, err
		}
		ax.fig.fig.Add(s)
		out = append(out, &artist{cls: line2DClass})
	}
	return python.NewList(out), nil
}

func scatter(t *python.Thread, ax *Axes, args python.Args) (python.Value, error) {
	if len(args.Pos) != 2 {
		return nil, python.Errorf(python.TypeErrorClass, "scatter() missing required positional arguments: 'x' and 'y'")
	}
	kw := args.Kw[:0:0]
	for _, k := range args.Kw {
		if k.Name == "s" || k.Name == "alpha" {
			continue // sizes and transparency: drawn at the default
		}
		kw = append(kw, k)
	}
	style, err := lineStyle(t, kw, "PathCollection")
	if err != nil {
		return nil, err
	}
	xs, err := floats(t, args.Pos[0])
	if err != nil {
		return nil, err
	}
	ys, err := floats(t, args.Pos[1])
	if err != nil {
		return nil, err
	}
	if len(xs) != len(ys) {
		return nil, python.Errorf(python.ValueErrorClass, "x and y must be the same size")
	}
	if err := t.Alloc(int64(16 * len(xs))); err != nil {
		return nil, err
	}
	style.Kind, style.X, style.Y = plot.Scatter, xs, ys
	if style.Marker == "" {
		style.Marker = "o"
	}
	ax.fig.fig.Add(style)
	return &artist{cls: collectionClas}, nil
}

// lineStyle reads the keyword arguments of plot and scatter.
func lineStyle(t *python.Thread, kw []python.Kwarg, artistName string) (plot.Series, error) {
	var s plot.Series
	for _, k := range kw {
		str := func() (string, error) {
			v, ok := k.Value.(python.Str)
			if !ok {
				return "", python.Errorf(python.ValueErrorClass, "%s must be a string, not %s", k.Name, typeRepr(k.Value))
			}
			return string(v), nil
		}
		switch k.Name {
		case "label":
			l, err := python.ToStr(t, k.Value)
			if err != nil {
				return s, err
			}
			s.Label = l
		case "color", "c":
			c, err := str()
			if err != nil {
				return s, err
			}
			if s.Color, err = color(t, c); err != nil {
				return s, err
			}
		case "linestyle", "ls":
			ls, err := str()
			if err != nil {
				return s, err
			}
			switch ls {
			case "-", "solid", "":
				s.Dash = ""
			case "--", "dashed":
				s.Dash = "--"
			case ":", "dotted":
				s.Dash = ":"
			case "-.", "dashdot":
				s.Dash = "-."
			default:
				return s, python.Errorf(python.ValueErrorClass, "%s is not a valid value for ls; supported values are '-', '--', '-.', ':', 'None', ' ', '', 'solid', 'dashed', 'dashdot', 'dotted'", quote(t, ls))
			}
		case "marker":
			mk, err := str()
			if err != nil {
				return s, err
			}
			if !strings.Contains("os^x+.", mk) || len(mk) != 1 {
				return s, python.Errorf(python.ValueErrorClass, "the simulator draws the markers 'o', 's', '^', 'x', '+' and '.', not %s", quote(t, mk))
			}
			s.Marker = mk
		case "linewidth", "lw":
			w, ok, err := python.AsFloat(k.Value)
			if err != nil {
				return s, err
			}
			if !ok || w < 0 || w > 20 {
				return s, python.Errorf(python.ValueErrorClass, "linewidth must be a number from 0 to 20")
			}
			s.Width = w
		default:
			return s, python.Errorf(python.AttributeErrorClass, "%s.set() got an unexpected keyword argument '%s'", artistName, k.Name)
		}
	}
	return s, nil
}

var (
	hexColor  = regexp.MustCompile(`^#[0-9a-fA-F]{6}$`)
	namedColr = regexp.MustCompile(`^[a-z]{3,20}$`)
)

// color reads a matplotlib colour: "C0".."C9", "tab:blue", one letter,
// "#rrggbb" or a colour name.
func color(t *python.Thread, c string) (string, error) {
	tab := []string{"blue", "orange", "green", "red", "purple", "brown", "pink", "gray", "olive", "cyan"}
	switch {
	case len(c) == 2 && c[0] == 'C' && c[1] >= '0' && c[1] <= '9':
		return plot.DefaultColors[c[1]-'0'], nil
	case strings.HasPrefix(c, "tab:"):
		for i, n := range tab {
			if c[4:] == n {
				return plot.DefaultColors[i], nil
			}
		}
	case len(c) == 1:
		if col, _, _, ok := plot.ParseFormat(c); ok && col != "" {
			return col, nil
		}
	case hexColor.MatchString(c), namedColr.MatchString(c):
		return c, nil
	}
	return "", python.Errorf(python.ValueErrorClass, "%s is not a valid color value.", quote(t, c))
}

func setLabel(t *python.Thread, ax *Axes, args python.Args, name, which string) (python.Value, error) {
	var label python.Value
	if len(args.Pos) < 1 {
		return nil, python.Errorf(python.TypeErrorClass, "%s() missing 1 required positional argument: 'label'", strings.TrimPrefix(name, "set_"))
	}
	label = args.Pos[0]
	s, err := python.ToStr(t, label)
	if err != nil {
		return nil, err
	}
	f := &ax.fig.fig
	switch which {
	case "x":
		f.XLabel = s
		return &text{x: "0.5", y: "0", label: s}, nil
	case "y":
		f.YLabel = s
		return &text{x: "0", y: "0.5", label: s}, nil
	}
	f.Title = s
	return &text{x: "0.5", y: "1.0", label: s}, nil
}

func legend(t *python.Thread, ax *Axes, args python.Args) (python.Value, error) {
	labelled := false
	for _, s := range ax.fig.fig.Series {
		if s.Label != "" && !strings.HasPrefix(s.Label, "_") {
			labelled = true
		}
	}
	if !labelled {
		// matplotlib warns on stderr and draws no legend.
		if err := t.WriteErr("No artists with labels found to put in legend.  Note that artists whose label start with an underscore are ignored when legend() is called with no argument.\n"); err != nil {
			return nil, err
		}
	}
	ax.fig.fig.Legend = labelled
	return &artist{cls: legendClass}, nil
}

func grid(t *python.Thread, ax *Axes, args python.Args) (python.Value, error) {
	var visible python.Value = python.None
	if len(args.Pos) > 0 {
		visible = args.Pos[0]
	}
	if v := args.Kwarg("visible"); v != nil {
		visible = v
	}
	if visible == python.None {
		ax.fig.fig.Grid = !ax.fig.fig.Grid
		if len(args.Kw) > 0 && args.Kwarg("visible") == nil {
			ax.fig.fig.Grid = true // grid(color=...) turns it on
		}
		return python.None, nil
	}
	b, err := python.Truth(t, visible)
	if err != nil {
		return nil, err
	}
	ax.fig.fig.Grid = b
	return python.None, nil
}

func setScale(t *python.Thread, ax *Axes, args python.Args, name, which string) (python.Value, error) {
	if len(args.Pos) < 1 {
		return nil, python.Errorf(python.TypeErrorClass, "%s() missing 1 required positional argument: 'value'", strings.TrimPrefix(name, "set_"))
	}
	v, ok := args.Pos[0].(python.Str)
	if !ok || (v != "log" && v != "linear") {
		r, _ := python.Repr(t, args.Pos[0])
		return nil, python.Errorf(python.ValueErrorClass, "%s is not a valid value for scale; supported values are 'linear', 'log' (the simulator's subset)", r)
	}
	if which == "y" {
		ax.fig.fig.YLog = v == "log"
	} else {
		ax.fig.fig.XLog = v == "log"
	}
	return python.None, nil
}

// savefig writes the figure as SVG into the workspace and shows it.
func savefig(t *python.Thread, f *Figure, args python.Args) (python.Value, error) {
	if len(args.Pos) < 1 {
		return nil, python.Errorf(python.TypeErrorClass, "savefig() missing 1 required positional argument: 'fname'")
	}
	name, err := python.ToStr(t, args.Pos[0])
	if err != nil {
		return nil, err
	}
	format := strings.TrimPrefix(path.Ext(name), ".")
	if v := args.Kwarg("format"); v != nil && v != python.None {
		if s, ok := v.(python.Str); ok {
			format = string(s)
		}
	}
	if format == "" {
		format = "png"
		name += ".png"
	}
	if strings.ToLower(format) != "svg" {
		return nil, python.Errorf(python.ValueErrorClass, "Format %s is not supported by the simulator, which saves figures as SVG only: use a name ending in .svg", quote(t, format))
	}
	svg := f.fig.SVG()
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

// floats reads a sequence of numbers: a list, tuple, range or 1-D tensor.
func floats(t *python.Thread, v python.Value) ([]float64, error) {
	if f, ok, err := python.AsFloat(v); ok || err != nil {
		return []float64{f}, err
	}
	var out []float64
	err := python.Iterate(t, v, func(e python.Value) error {
		f, ok, err := python.AsFloat(e)
		if err != nil {
			return err
		}
		if !ok {
			r, err := python.CallMethod(t, e, "__float__", python.Args{})
			if err != nil {
				return err
			}
			if f, ok, err = python.AsFloat(r); err != nil || !ok {
				return python.Errorf(python.TypeErrorClass, "must be real number, not %s", r.Type().Name)
			}
		}
		out = append(out, f)
		return nil
	})
	return out, err
}

func isStr(v python.Value) bool {
	_, ok := v.(python.Str)
	return ok
}

func quote(t *python.Thread, s string) string {
	r, _ := python.Repr(t, python.Str(s))
	return r
}

func typeRepr(v python.Value) string {
	c := v.Type()
	if c.Module == "builtins" || c.Module == "" {
		return "<class '" + c.Name + "'>"
	}
	return "<class '" + c.Module + "." + c.Name + "'>"
}
