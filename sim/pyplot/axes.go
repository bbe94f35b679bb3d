package pyplot

import (
	"strconv"
	"strings"

	"github.com/ckptlab/ckptlab/sim/plot"
	"github.com/ckptlab/ckptlab/sim/python"
)

// axesFunc is an Axes method. method is "Axes" when it is called as one
// and "" when a pyplot function calls it on the current axes: the two
// name themselves differently in TypeErrors.
type axesFunc func(t *python.Thread, ax *Axes, args python.Args, method string) (python.Value, error)

// axesFuncs are the methods of Axes, by name.
var axesFuncs = map[string]axesFunc{
	"plot":    plotLines,
	"scatter": scatter,
	"set_xlabel": func(t *python.Thread, ax *Axes, args python.Args, method string) (python.Value, error) {
		return setLabel(t, ax, args, pick(method, "xlabel", "_AxesBase.set_xlabel"), "xlabel")
	},
	"set_ylabel": func(t *python.Thread, ax *Axes, args python.Args, method string) (python.Value, error) {
		return setLabel(t, ax, args, pick(method, "ylabel", "_AxesBase.set_ylabel"), "ylabel")
	},
	"set_title": func(t *python.Thread, ax *Axes, args python.Args, method string) (python.Value, error) {
		return setLabel(t, ax, args, pick(method, "title", "Axes.set_title"), "label")
	},
	"legend": legend,
	"grid":   grid,
	"set_xscale": func(t *python.Thread, ax *Axes, args python.Args, method string) (python.Value, error) {
		return setScale(t, ax, args, pick(method, "xscale", "Axis._set_axes_scale"), &ax.p.XLog)
	},
	"set_yscale": func(t *python.Thread, ax *Axes, args python.Args, method string) (python.Value, error) {
		return setScale(t, ax, args, pick(method, "yscale", "Axis._set_axes_scale"), &ax.p.YLog)
	},
}

// pick is the pyplot function's name, or the method's qualified name when
// called as a method (matplotlib's TypeErrors name the function that
// raised them: Axes.set_title, or _AxesBase.set_xlabel where it lives).
func pick(method, function, qualified string) string {
	if method == "" {
		return function
	}
	return qualified
}

func (ax *Axes) repr(t *python.Thread) string {
	var parts []string
	p := &ax.p
	if p.Title != "" {
		parts = append(parts, "title={'center': "+quote(t, p.Title)+"}")
	}
	if p.XLabel != "" {
		parts = append(parts, "xlabel="+quote(t, p.XLabel))
	}
	if p.YLabel != "" {
		parts = append(parts, "ylabel="+quote(t, p.YLabel))
	}
	return "<Axes: " + strings.Join(parts, ", ") + ">"
}

// childLabel is the label matplotlib gives an artist added without one.
func (ax *Axes) childLabel() string {
	return "_child" + strconv.Itoa(len(ax.p.Series))
}

// plotLines is plot(*args, scalex=True, scaley=True, data=None, **kwargs):
// [x], y, [fmt], repeated, each group one Line2D.
func plotLines(t *python.Thread, ax *Axes, args python.Args, method string) (python.Value, error) {
	var kw []python.Kwarg
	for _, k := range args.Kw {
		switch k.Name {
		case "x", "y":
			return nil, python.Errorf(python.TypeErrorClass, "plot() got an unexpected keyword argument '%s'", k.Name)
		case "scalex", "scaley":
			// autoscaling: the simulator always fits the data
		case "data":
			if k.Value != python.None {
				return nil, python.Errorf(python.NotImplementedErrorClass, "the simulator does not support plot(data=...): pass the values themselves")
			}
		default:
			kw = append(kw, k)
		}
	}
	style, err := lineStyle(t, kw)
	if err != nil {
		return nil, err
	}
	// matplotlib takes the arguments two at a time, with a format string
	// after a pair joining it: (x, y, fmt), (x, y) or (y, fmt) or (y).
	var groups [][]python.Value
	pos := args.Pos
	for len(pos) > 0 {
		n := min(2, len(pos))
		g := pos[:n:n]
		pos = pos[n:]
		if len(pos) > 0 && isStr(pos[0]) {
			g = append(g, pos[0])
			pos = pos[1:]
		}
		groups = append(groups, g)
	}
	var out []python.Value
	for _, g := range groups {
		fmtStr := ""
		if len(g) > 1 && isStr(g[len(g)-1]) {
			fmtStr = string(g[len(g)-1].(python.Str))
			g = g[:len(g)-1]
		}
		var xv, yv python.Value
		if len(g) == 2 {
			xv, yv = g[0], g[1]
		} else {
			yv = g[0]
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
		s := style.series
		if fmtStr != "" {
			f, err := plot.ParseFormatString(fmtStr)
			if err != nil {
				return nil, formatError(t, fmtStr, err)
			}
			// Keyword arguments win over the format string.
			if !style.color {
				s.Color = f.Color
			}
			if !style.dash {
				s.Dash = f.Dash
			}
			if !style.marker {
				s.Marker = f.Marker
			}
		}
		if s.Color == "" {
			s.Color = plot.DefaultColors[ax.lineCycle%len(plot.DefaultColors)]
			ax.lineCycle++
		}
		if s.Label == "" {
			s.Label = ax.childLabel()
		}
		s.Kind, s.X, s.Y = plot.Line, xs, ys
		if err := t.Alloc(int64(16 * len(xs))); err != nil {
			return nil, err
		}
		out = append(out, &artist{cls: line2DClass, ax: ax, series: len(ax.p.Series), label: s.Label})
		ax.p.Add(s)
	}
	return python.NewList(out), nil
}

func formatError(t *python.Thread, fmtStr string, err error) error {
	fe, ok := err.(*plot.FormatError)
	if !ok {
		return err
	}
	switch {
	case fe.IntLiteral != "":
		return python.Errorf(python.ValueErrorClass, "invalid literal for int() with base 10: %s", quote(t, fe.IntLiteral))
	case fe.Char != "":
		return python.Errorf(python.ValueErrorClass, "%s is not a valid format string (unrecognized character %s)", quote(t, fmtStr), quote(t, fe.Char))
	}
	return python.Errorf(python.ValueErrorClass, "%s is not a valid format string (%s)", quote(t, fmtStr), fe.Reason)
}

// scatter is scatter(x, y, s=None, c=None, marker=None, cmap=None,
// norm=None, vmin=None, vmax=None, alpha=None, linewidths=None, *,
// edgecolors=None, plotnonfinite=False, data=None, **kwargs), one colour
// for all points.
func scatter(t *python.Thread, ax *Axes, args python.Args, method string) (python.Value, error) {
	name := pick(method, "scatter", "Axes.scatter")
	params := []string{"x", "y", "s", "c", "marker", "cmap", "norm", "vmin", "vmax", "alpha", "linewidths"}
	vals := map[string]python.Value{}
	if len(args.Pos) > len(params) {
		self := 0 // a method counts self
		if method != "" {
			self = 1
		}
		return nil, python.Errorf(python.TypeErrorClass, "%s() takes from %d to %d positional arguments but %d were given", name, 2+self, len(params)+self, len(args.Pos)+self)
	}
	for i, v := range args.Pos {
		vals[params[i]] = v
	}
	var rest []python.Kwarg
	for _, k := range args.Kw {
		known := false
		for _, p := range append(params, "edgecolors", "plotnonfinite", "data") {
			if k.Name == p {
				known = true
			}
		}
		if !known {
			rest = append(rest, k)
			continue
		}
		if _, dup := vals[k.Name]; dup {
			return nil, python.Errorf(python.TypeErrorClass, "%s() got multiple values for argument '%s'", name, k.Name)
		}
		vals[k.Name] = k.Value
	}
	var missing []string
	for _, p := range []string{"x", "y"} {
		if _, ok := vals[p]; !ok {
			missing = append(missing, "'"+p+"'")
		}
	}
	switch len(missing) {
	case 1:
		return nil, python.Errorf(python.TypeErrorClass, "%s() missing 1 required positional argument: %s", name, missing[0])
	case 2:
		return nil, python.Errorf(python.TypeErrorClass, "%s() missing 2 required positional arguments: %s and %s", name, missing[0], missing[1])
	}
	if d := vals["data"]; d != nil && d != python.None {
		return nil, python.Errorf(python.NotImplementedErrorClass, "the simulator does not support scatter(data=...): pass the values themselves")
	}
	xs, err := floats(t, vals["x"])
	if err != nil {
		return nil, err
	}
	ys, err := floats(t, vals["y"])
	if err != nil {
		return nil, err
	}
	if len(xs) != len(ys) {
		return nil, python.Errorf(python.ValueErrorClass, "x and y must be the same size")
	}
	var s plot.Series
	if m := vals["marker"]; m != nil && m != python.None {
		if s.Marker, err = marker(t, m); err != nil {
			return nil, err
		}
	}
	if a := vals["alpha"]; a != nil {
		if s.Opacity, err = alpha(t, a); err != nil {
			return nil, err
		}
	}
	if c := vals["c"]; c != nil && c != python.None {
		if n, numeric := numbers(t, c); numeric && n == len(xs) {
			return nil, python.Errorf(python.NotImplementedErrorClass, "the simulator draws a scatter plot in one colour: it does not map the values of c to colours")
		}
		col, ok, err := colorValue(t, c)
		if err != nil {
			return nil, err
		}
		if !ok {
			if _, isStr := c.(python.Str); isStr {
				return nil, python.Errorf(python.ValueErrorClass, "'c' argument must be a color, a sequence of colors, or a sequence of numbers, not %s", reprOf(t, c))
			}
			return nil, python.Errorf(python.NotImplementedErrorClass, "the simulator draws a scatter plot in one colour: give c or color a single colour, not %s", reprOf(t, c))
		}
		s.Color = col
	}
	for _, k := range rest {
		switch k.Name {
		case "color":
			if k.Value == python.None {
				continue
			}
			if vals["c"] != nil && vals["c"] != python.None {
				return nil, python.Errorf(python.ValueErrorClass, "Supply a 'c' argument or a 'color' kwarg but not both; they differ but their functionalities overlap.")
			}
			col, ok, err := colorValue(t, k.Value)
			if err != nil {
				return nil, err
			}
			if !ok {
				return nil, python.Errorf(python.ValueErrorClass, "'color' kwarg must be a color or sequence of color specs.  For a sequence of values to be color-mapped, use the 'c' argument instead.")
			}
			s.Color = col
		case "label":
			s.Label = labelText(t, k.Value)
		case "zorder", "edgecolor", "edgecolors", "facecolor", "facecolors", "linewidth", "linewidths", "lw", "ec", "fc",
			"antialiased", "antialiaseds", "aa", "clip_on", "rasterized", "picker", "gid", "url", "visible", "hatch":
			// accepted; the simulator draws markers filled, without edges
		default:
			return nil, python.Errorf(python.AttributeErrorClass, "PathCollection.set() got an unexpected keyword argument '%s'", k.Name)
		}
	}
	if err := t.Alloc(int64(16 * len(xs))); err != nil {
		return nil, err
	}
	if s.Color == "" {
		s.Color = plot.DefaultColors[ax.patchCycle%len(plot.DefaultColors)]
		ax.patchCycle++
	}
	if s.Label == "" {
		s.Label = ax.childLabel()
	}
	s.Kind, s.X, s.Y = plot.Scatter, xs, ys
	if s.Marker == "" {
		s.Marker = "o"
	}
	a := &artist{cls: collectionClass, ax: ax, series: len(ax.p.Series), label: s.Label}
	ax.p.Add(s)
	return a, nil
}

// setLabel is set_xlabel(xlabel, ...), set_ylabel(ylabel, ...) and
// set_title(label, ...): it returns the Text matplotlib returns.
func setLabel(t *python.Thread, ax *Axes, args python.Args, name, param string) (python.Value, error) {
	var label python.Value
	if len(args.Pos) > 0 {
		label = args.Pos[0]
	} else if v := args.Kwarg(param); v != nil {
		label = v
	} else {
		return nil, python.Errorf(python.TypeErrorClass, "%s() missing 1 required positional argument: '%s'", name, param)
	}
	s := labelText(t, label)
	p := &ax.p
	switch param {
	case "xlabel":
		p.XLabel = s
		return &text{x: "0.5", y: "0", label: s}, nil
	case "ylabel":
		p.YLabel = s
		return &text{x: "0", y: "0.5", label: s}, nil
	}
	p.Title = s
	return &text{x: "0.5", y: "1.0", label: s}, nil
}

// labelText is str(label), or "" for None, as Text.set_text stores it.
func labelText(t *python.Thread, v python.Value) string {
	if v == python.None {
		return ""
	}
	s, err := python.ToStr(t, v)
	if err != nil {
		return reprOf(t, v)
	}
	return s
}

// legend is legend(), legend(labels), legend(handles, labels) and their
// keyword forms. Without labels it shows the artists whose label does not
// start with an underscore, and says so on stderr when there are none, as
// matplotlib 3.8 logs it.
func legend(t *python.Thread, ax *Axes, args python.Args, method string) (python.Value, error) {
	handles, labels := args.Kwarg("handles"), args.Kwarg("labels")
	switch len(args.Pos) {
	case 0:
	case 1:
		labels = args.Pos[0]
	case 2:
		handles, labels = args.Pos[0], args.Pos[1]
	default:
		return nil, python.Errorf(python.TypeErrorClass, "legend() takes 0-2 positional arguments but %d were given", len(args.Pos))
	}
	if handles == python.None {
		handles = nil
	}
	if labels == python.None {
		labels = nil
	}
	var entries []plot.LegendEntry
	switch {
	case handles != nil:
		var hs []*artist
		err := python.Iterate(t, handles, func(v python.Value) error {
			a, ok := v.(*artist)
			if !ok || a.cls == legendClass {
				return python.Errorf(python.NotImplementedErrorClass, "the simulator's legend takes the lines and scatter plots that plot and scatter return, not %s", reprOf(t, v))
			}
			hs = append(hs, a)
			return nil
		})
		if err != nil {
			return nil, err
		}
		names := make([]string, len(hs))
		for i, h := range hs {
			names[i] = h.label
		}
		if labels != nil {
			names = names[:0]
			if err := python.Iterate(t, labels, func(v python.Value) error {
				names = append(names, labelText(t, v))
				return nil
			}); err != nil {
				return nil, err
			}
		}
		for i := 0; i < len(hs) && i < len(names); i++ {
			if hs[i].ax == ax { // an artist of another axes is not drawn here
				entries = append(entries, plot.LegendEntry{Series: hs[i].series, Label: names[i]})
			}
		}
	case labels != nil:
		// As many artists as labels, in the order they were added; like
		// matplotlib, every label is checked (the step limit bounds it).
		i := 0
		err := python.Iterate(t, labels, func(v python.Value) error {
			if _, isArtist := v.(*artist); isArtist {
				return python.Errorf(python.TypeErrorClass, "A single argument passed to legend() must be a list of labels, but found an Artist in there.")
			}
			if i < len(ax.p.Series) {
				entries = append(entries, plot.LegendEntry{Series: i, Label: labelText(t, v)})
			}
			i++
			return nil
		})
		if err != nil {
			return nil, err
		}
	default:
		for i, s := range ax.p.Series {
			if s.Label != "" && !strings.HasPrefix(s.Label, "_") {
				entries = append(entries, plot.LegendEntry{Series: i, Label: s.Label})
			}
		}
		if len(entries) == 0 {
			if err := t.WriteErr("No artists with labels found to put in legend.  Note that artists whose label start with an underscore are ignored when legend() is called with no argument.\n"); err != nil {
				return nil, err
			}
		}
	}
	if entries == nil {
		entries = []plot.LegendEntry{}
	}
	ax.p.Legend, ax.p.Entries = true, entries
	return &artist{cls: legendClass, ax: ax}, nil
}

// grid is grid(visible=None, which='major', axis='both', **kwargs).
func grid(t *python.Thread, ax *Axes, args python.Args, method string) (python.Value, error) {
	var visible python.Value = python.None
	if len(args.Pos) > 0 {
		visible = args.Pos[0]
	}
	styled := false
	for _, k := range args.Kw {
		switch k.Name {
		case "visible", "b":
			visible = k.Value
		case "which", "axis":
		default:
			styled = true // grid(color=...) turns it on
		}
	}
	if visible == python.None {
		ax.p.Grid = !ax.p.Grid || styled
		return python.None, nil
	}
	b, err := python.Truth(t, visible)
	if err != nil {
		return nil, err
	}
	ax.p.Grid = b
	return python.None, nil
}

// setScale is set_xscale(value, **kwargs) and set_yscale: the simulator
// draws the linear and log scales of matplotlib's seven.
func setScale(t *python.Thread, ax *Axes, args python.Args, name string, log *bool) (python.Value, error) {
	if len(args.Pos) < 1 {
		v := args.Kwarg("value")
		if v == nil {
			return nil, python.Errorf(python.TypeErrorClass, "%s() missing 1 required positional argument: 'value'", name)
		}
		args.Pos = []python.Value{v}
	}
	v := args.Pos[0]
	switch v {
	case python.Str("linear"), python.Str("log"):
		*log = v == python.Str("log")
		return python.None, nil
	case python.Str("symlog"), python.Str("asinh"), python.Str("logit"), python.Str("function"), python.Str("functionlog"):
		return nil, python.Errorf(python.NotImplementedErrorClass, "the simulator draws the 'linear' and 'log' scales only, not %s", reprOf(t, v))
	}
	return nil, python.Errorf(python.ValueErrorClass, "%s is not a valid value for scale; supported values are 'linear', 'log', 'symlog', 'asinh', 'logit', 'function', 'functionlog'", reprOf(t, v))
}

// numbers is the length of v when it is a list or tuple of numbers.
func numbers(t *python.Thread, v python.Value) (int, bool) {
	var items []python.Value
	switch x := v.(type) {
	case python.Tuple:
		items = x
	case *python.List:
		items = x.Items
	default:
		return 0, false
	}
	for _, e := range items {
		if _, ok, _ := python.AsFloat(e); !ok {
			return 0, false
		}
	}
	return len(items), true
}

// axesExtraMethods are the Axes methods that are not pyplot functions too.
var axesExtraMethods = []string{"clear", "cla", "get_title", "get_xlabel", "get_ylabel", "get_xscale", "get_yscale", "loglog", "semilogx", "semilogy"}

func init() {
	getter := func(name string, get func(ax *Axes) string) {
		AxesClass.SetMethod(name, func(t *python.Thread, self python.Value, args python.Args) (python.Value, error) {
			if name == "get_title" {
				var loc python.Value = python.Str("center")
				if err := python.UnpackArgs(name, args, "loc?", &loc); err != nil {
					return nil, err
				}
				if loc != python.Str("center") {
					return python.Str(""), nil // the simulator has the centre title only
				}
			} else if err := python.UnpackArgs(name, args); err != nil {
				return nil, err
			}
			return python.Str(get(self.(*Axes))), nil
		})
	}
	getter("get_title", func(ax *Axes) string { return ax.p.Title })
	getter("get_xlabel", func(ax *Axes) string { return ax.p.XLabel })
	getter("get_ylabel", func(ax *Axes) string { return ax.p.YLabel })
	scale := func(log bool) string {
		if log {
			return "log"
		}
		return "linear"
	}
	getter("get_xscale", func(ax *Axes) string { return scale(ax.p.XLog) })
	getter("get_yscale", func(ax *Axes) string { return scale(ax.p.YLog) })
	for _, name := range []string{"cla", "clear"} {
		name := name
		AxesClass.SetMethod(name, func(t *python.Thread, self python.Value, args python.Args) (python.Value, error) {
			if err := python.UnpackArgs(name, args); err != nil {
				return nil, err
			}
			self.(*Axes).clear()
			return python.None, nil
		})
	}
	for name, fn := range logPlots {
		fn := fn
		AxesClass.SetMethod(name, func(t *python.Thread, self python.Value, args python.Args) (python.Value, error) {
			return fn(t, self.(*Axes), args, "Axes")
		})
	}
}

// clear is Axes.clear: no lines, labels, legend or grid, linear scales.
func (ax *Axes) clear() {
	ax.p = plot.Figure{}
	ax.lineCycle, ax.patchCycle = 0, 0
}

// logPlots are semilogx, semilogy and loglog: plot on log scales. The
// scales' keyword arguments (base, subs, nonpositive) are accepted; the
// simulator draws base 10.
var logPlots = map[string]axesFunc{
	"semilogx": func(t *python.Thread, ax *Axes, args python.Args, method string) (python.Value, error) {
		return logPlot(t, ax, args, method, true, false)
	},
	"semilogy": func(t *python.Thread, ax *Axes, args python.Args, method string) (python.Value, error) {
		return logPlot(t, ax, args, method, false, true)
	},
	"loglog": func(t *python.Thread, ax *Axes, args python.Args, method string) (python.Value, error) {
		return logPlot(t, ax, args, method, true, true)
	},
}

func logPlot(t *python.Thread, ax *Axes, args python.Args, method string, x, y bool) (python.Value, error) {
	var kw []python.Kwarg
	for _, k := range args.Kw {
		switch k.Name {
		case "base", "subs", "nonpositive", "basex", "basey", "subsx", "subsy", "nonposx", "nonposy":
		default:
			kw = append(kw, k)
		}
	}
	if x {
		ax.p.XLog = true
	}
	if y {
		ax.p.YLog = true
	}
	return plotLines(t, ax, python.Args{Pos: args.Pos, Kw: kw}, method)
}
