package pyplot

import (
	"math"
	"strings"

	"github.com/ckptlab/ckptlab/sim/plot"
	"github.com/ckptlab/ckptlab/sim/python"
)

// style is a Line2D's keyword arguments, and which of them were given (a
// given colour, line style or marker wins over the format string's).
type style struct {
	series              plot.Series
	color, dash, marker bool
}

// ignoredLineProps are Line2D properties the simulator accepts and does not
// draw (marker edges and faces, caps and joins, picking, clipping, ...).
var ignoredLineProps = map[string]bool{
	"agg_filter": true, "animated": true, "antialiased": true, "aa": true, "clip_box": true,
	"clip_on": true, "clip_path": true, "dash_capstyle": true, "dash_joinstyle": true,
	"drawstyle": true, "ds": true, "fillstyle": true, "gapcolor": true, "gid": true,
	"in_layout": true, "markeredgecolor": true, "mec": true, "markeredgewidth": true, "mew": true,
	"markerfacecolor": true, "mfc": true, "markerfacecoloralt": true, "mfcalt": true,
	"markevery": true, "mouseover": true, "path_effects": true, "picker": true, "pickradius": true,
	"rasterized": true, "sketch_params": true, "snap": true, "solid_capstyle": true,
	"solid_joinstyle": true, "url": true, "zorder": true,
}

// lineStyle reads the keyword arguments of plot, which are Line2D's.
func lineStyle(t *python.Thread, kw []python.Kwarg) (style, error) {
	var st style
	s := &st.series
	for _, k := range kw {
		var err error
		switch k.Name {
		case "label":
			if k.Value != python.None {
				s.Label = labelText(t, k.Value)
			}
		case "color", "c":
			if k.Value == python.None {
				continue
			}
			col, ok, err := colorValue(t, k.Value)
			if err != nil {
				return st, err
			}
			if !ok {
				return st, python.Errorf(python.ValueErrorClass, "%s is not a valid value for color", reprOf(t, k.Value))
			}
			s.Color, st.color = col, true
		case "linestyle", "ls":
			if k.Value == python.None {
				continue
			}
			if s.Dash, s.Dashes, err = lineStyleValue(t, k.Value); err != nil {
				return st, err
			}
			st.dash = true
		case "dashes":
			if s.Dashes, err = dashSequence(t, k.Value, k.Value); err != nil {
				return st, err
			}
			s.Dash, st.dash = "--", true
		case "marker":
			if k.Value == python.None {
				continue
			}
			if s.Marker, err = marker(t, k.Value); err != nil {
				return st, err
			}
			st.marker = true
		case "linewidth", "lw":
			if k.Value == python.None {
				continue
			}
			if s.Width, err = pyFloat(t, k.Value); err != nil {
				return st, err
			}
			if s.Width == 0 {
				s.Width = math.SmallestNonzeroFloat64 // zero width: plot.Add would take the default
			}
		case "markersize", "ms":
			if k.Value == python.None {
				continue
			}
			if s.MarkerSize, err = pyFloat(t, k.Value); err != nil {
				return st, err
			}
		case "alpha":
			if s.Opacity, err = alpha(t, k.Value); err != nil {
				return st, err
			}
		case "visible":
			b, err := python.Truth(t, k.Value)
			if err != nil {
				return st, err
			}
			if !b {
				s.Color, st.color = "none", true
			}
		default:
			if !ignoredLineProps[k.Name] {
				return st, python.Errorf(python.AttributeErrorClass, "Line2D.set() got an unexpected keyword argument '%s'", k.Name)
			}
		}
	}
	return st, nil
}

// pyFloat is Python's float(v).
func pyFloat(t *python.Thread, v python.Value) (float64, error) {
	r, err := python.Call(t, python.FloatClass, python.Args{Pos: []python.Value{v}})
	if err != nil {
		return 0, err
	}
	f, _, err := python.AsFloat(r)
	return f, err
}

// alpha checks an alpha as Artist.set_alpha does; 0 draws nothing.
func alpha(t *python.Thread, v python.Value) (float64, error) {
	if v == python.None {
		return 0, nil
	}
	a, ok, err := python.AsFloat(v)
	if err != nil {
		return 0, err
	}
	if !ok {
		return 0, python.Errorf(python.TypeErrorClass, "alpha must be numeric or None, not %s", typeRepr(v))
	}
	if !(a >= 0 && a <= 1) {
		return 0, python.Errorf(python.ValueErrorClass, "alpha (%s) is outside 0-1 range", reprOf(t, v))
	}
	if a == 0 {
		return math.SmallestNonzeroFloat64, nil
	}
	return a, nil
}

// lineStyleValue reads a linestyle as Line2D.set_linestyle does: a name or
// symbol, or (offset, (on, off, ...)).
func lineStyleValue(t *python.Thread, v python.Value) (dash string, dashes []float64, err error) {
	if s, ok := v.(python.Str); ok {
		switch s {
		case "-", "solid":
			return "", nil, nil
		case "--", "dashed":
			return "--", nil, nil
		case ":", "dotted":
			return ":", nil, nil
		case "-.", "dashdot":
			return "-.", nil, nil
		case "None", "none", " ", "":
			return "none", nil, nil
		}
		return "", nil, python.Errorf(python.ValueErrorClass, "%s is not a valid value for ls; supported values are '-', '--', '-.', ':', 'None', ' ', '', 'solid', 'dashed', 'dashdot', 'dotted'", quote(t, string(s)))
	}
	if tup, ok := v.(python.Tuple); ok && len(tup) == 2 && tup[0] != python.None {
		if _, ok, _ := python.AsFloat(tup[0]); ok {
			if tup[1] == python.None {
				return "", nil, nil
			}
			d, err := dashSequence(t, tup[1], v)
			return "--", d, err
		}
	}
	return "", nil, python.Errorf(python.ValueErrorClass, "Unrecognized linestyle: %s", reprOf(t, v))
}

// dashSequence reads the (on, off, ...) lengths of a dash pattern.
func dashSequence(t *python.Thread, v, whole python.Value) ([]float64, error) {
	var out []float64
	err := python.Iterate(t, v, func(e python.Value) error {
		f, ok, err := python.AsFloat(e)
		if err != nil {
			return err
		}
		if !ok {
			return python.Errorf(python.ValueErrorClass, "Unrecognized linestyle: %s", reprOf(t, whole))
		}
		out = append(out, f)
		return nil
	})
	if err != nil {
		if e, ok := err.(*python.Exception); ok && e.Type() == python.TypeErrorClass {
			return nil, python.Errorf(python.ValueErrorClass, "Unrecognized linestyle: %s", reprOf(t, whole))
		}
		return nil, err
	}
	return out, nil
}

// markerNames are matplotlib's marker names besides the drawn ones: "" and
// the spellings of no marker.
var noMarker = map[string]bool{"None": true, "none": true, " ": true, "": true}

// marker reads a marker as MarkerStyle does. Every one-character marker is
// drawn; matplotlib's other markers (the integers 0 to 11, "$...$" text,
// vertex lists and tuples) are refused as the simulator's limit.
func marker(t *python.Thread, v python.Value) (string, error) {
	switch x := v.(type) {
	case python.Str:
		s := string(x)
		if noMarker[s] {
			return "", nil
		}
		if len(s) == 1 && strings.Contains(plot.Markers, s) {
			return s, nil
		}
		if len(s) >= 2 && s[0] == '$' && s[len(s)-1] == '$' && (strings.Count(s, "$")-strings.Count(s, `\$`))%2 == 0 {
			return "", python.Errorf(python.NotImplementedErrorClass, "the simulator does not draw text markers such as %s; it draws the one-character markers %s", quote(t, s), markerList(t))
		}
		e := python.Errorf(python.ValueErrorClass, "Unrecognized marker style %s", quote(t, s))
		e.Cause = python.Errorf(python.ValueErrorClass, "could not convert string to float: %s", quote(t, s))
		return "", e
	case python.Int, python.Bool:
		n, _ := python.AsInt64(x)
		if n >= 0 && n <= 11 {
			return "", python.Errorf(python.NotImplementedErrorClass, "the simulator does not draw the tick and caret markers 0 to 11; it draws the one-character markers %s", markerList(t))
		}
	case python.Tuple, *python.List:
		return "", python.Errorf(python.NotImplementedErrorClass, "the simulator does not draw markers given as tuples or vertices; it draws the one-character markers %s", markerList(t))
	}
	return "", python.Errorf(python.ValueErrorClass, "Unrecognized marker style %s", reprOf(t, v))
}

func markerList(t *python.Thread) string {
	var q []string
	for _, m := range plot.Markers {
		q = append(q, quote(t, string(m)))
	}
	return strings.Join(q, ", ")
}

// colorValue reads a colour as matplotlib 3.8's colors.to_rgba does: a
// string (see plot.ParseColorString), an (r, g, b) or (r, g, b, a) sequence
// of numbers from 0 to 1, or (colour, alpha). It reports false for a value
// matplotlib does not take as a colour.
func colorValue(t *python.Thread, v python.Value) (string, bool, error) {
	c, ok, err := rgba(t, v)
	if err != nil || !ok {
		return "", false, err
	}
	return c.Hex(), true, nil
}

func rgba(t *python.Thread, v python.Value) (plot.RGBA, bool, error) {
	switch x := v.(type) {
	case python.Str:
		c, ok := plot.ParseColorString(string(x))
		return c, ok, nil
	case python.Tuple:
		if len(x) == 2 {
			a, ok, _ := python.AsFloat(x[1])
			if !ok || !(a >= 0 && a <= 1) {
				return plot.RGBA{}, false, nil
			}
			c, ok, err := rgba(t, x[0])
			c.A = a
			return c, ok, err
		}
		return rgbaSequence(x)
	case *python.List:
		return rgbaSequence(x.Items)
	}
	return plot.RGBA{}, false, nil
}

func rgbaSequence(items []python.Value) (plot.RGBA, bool, error) {
	if len(items) != 3 && len(items) != 4 {
		return plot.RGBA{}, false, nil
	}
	ch := []float64{0, 0, 0, 1}
	for i, e := range items {
		f, ok, err := python.AsFloat(e)
		if err != nil {
			return plot.RGBA{}, false, err
		}
		if !ok || !(f >= 0 && f <= 1) {
			return plot.RGBA{}, false, nil
		}
		ch[i] = f
	}
	return plot.RGBA{R: ch[0], G: ch[1], B: ch[2], A: ch[3]}, true, nil
}

// floats reads 1-D data: a number, or a list, tuple, range or 1-D tensor
// of numbers.
func floats(t *python.Thread, v python.Value) ([]float64, error) {
	if f, ok, err := python.AsFloat(v); ok || err != nil {
		return []float64{f}, err
	}
	if _, ok := v.(python.Str); ok {
		return nil, categorical()
	}
	var out []float64
	err := python.Iterate(t, v, func(e python.Value) error {
		f, ok, err := python.AsFloat(e)
		if err != nil {
			return err
		}
		if !ok {
			switch e.(type) {
			case python.Str:
				return categorical()
			case python.Tuple, *python.List:
				return python.Errorf(python.NotImplementedErrorClass, "the simulator plots 1-D data only: give one list of numbers per line")
			}
			r, err := python.CallMethod(t, e, "__float__", python.Args{})
			if err != nil {
				return python.Errorf(python.NotImplementedErrorClass, "the simulator plots numbers only, not %s", typeName(e))
			}
			if f, ok, err = python.AsFloat(r); err != nil || !ok {
				return python.Errorf(python.TypeErrorClass, "must be real number, not %s", typeName(r))
			}
		}
		out = append(out, f)
		return nil
	})
	return out, err
}

func categorical() error {
	return python.Errorf(python.NotImplementedErrorClass, "the simulator plots numbers only: matplotlib would draw strings as categories, which the simulator does not")
}

func isStr(v python.Value) bool {
	_, ok := v.(python.Str)
	return ok
}
