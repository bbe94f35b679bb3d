// Package plot draws the figures of the simulator's small matplotlib.pyplot
// subset as SVG.
//
// The SVG uses presentation attributes only (fill="...", stroke="..."), never
// style attributes or <style> elements, so it can be inlined into a page whose
// Content-Security-Policy forbids inline styles. That is why it is our own small
// renderer rather than a general plotting library.
package plot

import (
	"fmt"
	"math"
	"strings"
	"unicode/utf8"
)

// Kind is how a series is drawn.
type Kind int

const (
	Line Kind = iota
	Scatter
)

// DefaultColors is matplotlib's default colour cycle ("tab10").
var DefaultColors = []string{
	"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
	"#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
}

// Series is one call to plot or scatter.
type Series struct {
	Kind   Kind
	X, Y   []float64
	Label  string
	Color  string // "#rrggbb"; "" takes the next colour of the cycle; "none" draws nothing
	Dash   string // "", "--", ":", "-." or "none" (no line)
	Marker string // "" or one of Markers
	Width  float64
	// Dashes is a custom dash pattern (on, off, ...) in units of the line
	// width, as matplotlib's linestyle=(offset, (on, off)); it overrides Dash.
	Dashes []float64
	// Opacity is alpha from 0 to 1; zero means opaque (alpha 0 is Color "none").
	Opacity float64
	// MarkerSize in points; zero means matplotlib's default of 6.
	MarkerSize float64
}

// LegendEntry is one row of a legend: the series it shows and its text.
type LegendEntry struct {
	Series int
	Label  string
}

// Figure is one figure with one set of axes.
type Figure struct {
	Title, XLabel, YLabel string
	Series                []Series
	Grid                  bool
	// Legend draws a legend: of Entries when set, else of every series
	// whose label does not start with an underscore.
	Legend  bool
	Entries []LegendEntry
	YLog    bool
	XLog    bool
	// NoAxes draws the figure's background only: a figure with no axes yet.
	NoAxes bool
	// Width and Height in pixels; zero means 640 by 480 (matplotlib's default).
	Width, Height float64
}

// Add appends a series, giving it the next colour of the cycle when it has none.
func (f *Figure) Add(s Series) {
	if s.Color == "" {
		s.Color = DefaultColors[len(f.Series)%len(DefaultColors)]
	}
	if s.Width == 0 {
		s.Width = 1.5
	}
	f.Series = append(f.Series, s)
}

// Markers are the marker symbols the renderer draws: every one-character
// marker of matplotlib.
const Markers = ".,ov^<>12348spP*hH+xXDd|_"

// lineStyles are the line styles of a format string, as Series.Dash.
var lineStyles = map[string]string{"-": "", "--": "--", "-.": "-.", ":": ":", " ": "none"}

// Format is a parsed matplotlib format string such as "r--" or "o".
type Format struct {
	Color  string // "" when the string names no colour, else "#rrggbb" or "none"
	Dash   string // as Series.Dash
	Marker string // "" or one of Markers
}

// FormatError says why a format string is invalid, in the words of
// matplotlib's message: Reason ("two color symbols"), or Char, the
// unrecognized character, or IntLiteral, the character after a 'C' that
// matplotlib hands to int().
type FormatError struct {
	Reason     string
	Char       string
	IntLiteral string
}

func (e *FormatError) Error() string {
	switch {
	case e.IntLiteral != "":
		return fmt.Sprintf("invalid literal for int() with base 10: %q", e.IntLiteral)
	case e.Char != "":
		return fmt.Sprintf("unrecognized character %q", e.Char)
	}
	return e.Reason
}

// ParseFormatString reads a format string as matplotlib 3.8's
// axes._base._process_plot_format does: a whole colour spec ("red",
// "#ff0000", "0.5", "C3", but not "0" or "1", which are markers) is a
// colour; otherwise each character is a line style, a marker or a
// one-letter colour ("C<digit>" for the cycle). With a marker and no line
// style there is no line.
func ParseFormatString(fmtStr string) (Format, error) {
	var f Format
	if fmtStr != "0" && fmtStr != "1" {
		if c, ok := ParseColorString(fmtStr); ok {
			f.Color = c.Hex()
			return f, nil
		}
	}
	var line, marker, color bool
	for i := 0; i < len(fmtStr); {
		c := fmtStr[i]
		n := 2 // the two-character styles first, as matplotlib does
		style, ok := lineStyles[fmtStr[i:min(i+n, len(fmtStr))]]
		if !ok {
			n = 1
			style, ok = lineStyles[fmtStr[i:i+1]]
		}
		if ok {
			if line {
				return f, &FormatError{Reason: "two linestyle symbols"}
			}
			f.Dash, line = style, true
			i += n
			continue
		}
		switch {
		case strings.IndexByte(Markers, c) >= 0:
			if marker {
				return f, &FormatError{Reason: "two marker symbols"}
			}
			f.Marker, marker = string(c), true
			i++
		case strings.IndexByte("bgrcmykw", c) >= 0:
			if color {
				return f, &FormatError{Reason: "two color symbols"}
			}
			f.Color, color = namedColors[string(c)], true
			i++
		case c == 'C' && i < len(fmtStr)-1:
			r, _ := utf8.DecodeRuneInString(fmtStr[i+1:])
			if r < '0' || r > '9' {
				return f, &FormatError{IntLiteral: string(r)}
			}
			f.Color, color = DefaultColors[r-'0'], true
			i += 2
		default:
			r, _ := utf8.DecodeRuneInString(fmtStr[i:])
			return f, &FormatError{Char: string(r)}
		}
	}
	if marker && !line {
		f.Dash = "none"
	}
	return f, nil
}

// ParseFormat reads a format string such as "r--", "o-" or "k:" into a
// colour, a dash pattern and a marker, reporting false for a string
// matplotlib rejects (ParseFormatString says why).
func ParseFormat(fmtStr string) (color, dash, marker string, ok bool) {
	f, err := ParseFormatString(fmtStr)
	if err != nil {
		return "", "", "", false
	}
	return f.Color, f.Dash, f.Marker, true
}

// bounds is the data range of one axis.
type bounds struct{ lo, hi float64 }

func (f *Figure) dataBounds() (x, y bounds, ok bool) {
	x = bounds{math.Inf(1), math.Inf(-1)}
	y = x
	for _, s := range f.Series {
		for i := range s.Y {
			xv, yv := s.X[i], s.Y[i]
			if !finite(xv) || !finite(yv) || (f.XLog && xv <= 0) || (f.YLog && yv <= 0) {
				continue
			}
			x.lo, x.hi = math.Min(x.lo, xv), math.Max(x.hi, xv)
			y.lo, y.hi = math.Min(y.lo, yv), math.Max(y.hi, yv)
			ok = true
		}
	}
	return x, y, ok
}

func finite(v float64) bool { return !math.IsInf(v, 0) && !math.IsNaN(v) }

// scale maps data values on one axis to pixels.
type scale struct {
	lo, hi     float64 // data range, in log10 units when log
	p0, p1     float64 // pixel range
	log        bool
	ticks      []float64
	tickLabels []string
}

func (s scale) px(v float64) float64 {
	if s.log {
		v = math.Log10(v)
	}
	if s.hi == s.lo {
		return (s.p0 + s.p1) / 2
	}
	return s.p0 + (v-s.lo)/(s.hi-s.lo)*(s.p1-s.p0)
}

func newScale(b bounds, log bool, p0, p1 float64) scale {
	s := scale{p0: p0, p1: p1, log: log}
	if log {
		lo, hi := math.Floor(math.Log10(b.lo)), math.Ceil(math.Log10(b.hi))
		if lo == hi {
			hi = lo + 1
		}
		s.lo, s.hi = lo, hi
		step := math.Max(1, math.Ceil((hi-lo)/8))
		for e := lo; e <= hi; e += step {
			s.ticks = append(s.ticks, math.Pow(10, e))
			s.tickLabels = append(s.tickLabels, fmt.Sprintf("1e%d", int(e)))
		}
		return s
	}
	lo, hi := b.lo, b.hi
	if lo == hi {
		lo, hi = lo-1, hi+1
	}
	// matplotlib pads the data range by 5% on each side.
	pad := (hi - lo) * 0.05
	lo, hi = lo-pad, hi+pad
	step := niceStep((hi - lo) / 6)
	s.lo, s.hi = lo, hi
	for t := math.Ceil(lo/step) * step; t <= hi+step*1e-9; t += step {
		if math.Abs(t) < step*1e-9 {
			t = 0
		}
		s.ticks = append(s.ticks, t)
		s.tickLabels = append(s.tickLabels, tickLabel(t, step))
	}
	return s
}

// niceStep rounds a raw tick spacing to 1, 2, 2.5 or 5 times a power of ten.
func niceStep(raw float64) float64 {
	if raw <= 0 || !finite(raw) {
		return 1
	}
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if raw <= m*mag {
			return m * mag
		}
	}
	return 10 * mag
}

func tickLabel(v, step float64) string {
	decimals := 0
	for d := step; d < 1 && decimals < 10; d *= 10 {
		decimals++
	}
	if step == 2.5*math.Pow(10, math.Floor(math.Log10(step))) && step < 10 {
		decimals++
	}
	return fmt.Sprintf("%.*f", decimals, v)
}

// SVG renders the figure. A figure with no drawable points still renders its
// axes, title and labels, as matplotlib does.
func (f *Figure) SVG() []byte {
	w, h := f.Width, f.Height
	if w == 0 || h == 0 {
		w, h = 640, 480
	}
	if f.NoAxes {
		return []byte(fmt.Sprintf(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %g %g" width="%g" height="%g" role="img"><rect width="%g" height="%g" fill="#ffffff"/></svg>`, w, h, w, h, w, h))
	}
	left, right, top, bottom := 72.0, w-24, 40.0, h-56
	xb, yb, ok := f.dataBounds()
	if !ok {
		xb, yb = bounds{0, 1}, bounds{0, 1}
		if f.XLog {
			xb = bounds{1, 10}
		}
		if f.YLog {
			yb = bounds{1, 10}
		}
	}
	xs := newScale(xb, f.XLog, left, right)
	ys := newScale(yb, f.YLog, bottom, top)

	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %g %g" width="%g" height="%g" role="img" font-family="sans-serif" font-size="12">`, w, h, w, h)
	if f.Title != "" {
		fmt.Fprintf(&b, `<title>%s</title>`, esc(f.Title))
	}
	fmt.Fprintf(&b, `<rect width="%g" height="%g" fill="#ffffff"/>`, w, h)
	// Ticks, labels and grid.
	for i, t := range xs.ticks {
		x := xs.px(t)
		if x < left-0.5 || x > right+0.5 {
			continue
		}
		if f.Grid {
			fmt.Fprintf(&b, `<line x1="%.2f" y1="%g" x2="%.2f" y2="%g" stroke="#b0b0b0" stroke-width="0.8"/>`, x, top, x, bottom)
		}
		fmt.Fprintf(&b, `<line x1="%.2f" y1="%g" x2="%.2f" y2="%g" stroke="#000000"/>`, x, bottom, x, bottom+4)
		fmt.Fprintf(&b, `<text x="%.2f" y="%g" text-anchor="middle" fill="#000000">%s</text>`, x, bottom+18, esc(xs.tickLabels[i]))
	}
	for i, t := range ys.ticks {
		y := ys.px(t)
		if y < top-0.5 || y > bottom+0.5 {
			continue
		}
		if f.Grid {
			fmt.Fprintf(&b, `<line x1="%g" y1="%.2f" x2="%g" y2="%.2f" stroke="#b0b0b0" stroke-width="0.8"/>`, left, y, right, y)
		}
		fmt.Fprintf(&b, `<line x1="%g" y1="%.2f" x2="%g" y2="%.2f" stroke="#000000"/>`, left-4, y, left, y)
		fmt.Fprintf(&b, `<text x="%g" y="%.2f" text-anchor="end" dominant-baseline="middle" fill="#000000">%s</text>`, left-7, y, esc(ys.tickLabels[i]))
	}
	// The series, clipped to the axes.
	fmt.Fprintf(&b, `<clipPath id="axes"><rect x="%g" y="%g" width="%g" height="%g"/></clipPath><g clip-path="url(#axes)">`, left, top, right-left, bottom-top)
	for _, s := range f.Series {
		drawSeries(&b, s, xs, ys, f)
	}
	b.WriteString(`</g>`)
	fmt.Fprintf(&b, `<rect x="%g" y="%g" width="%g" height="%g" fill="none" stroke="#000000"/>`, left, top, right-left, bottom-top)
	if f.Title != "" {
		fmt.Fprintf(&b, `<text x="%g" y="%g" text-anchor="middle" font-size="14" fill="#000000">%s</text>`, (left+right)/2, top-14, esc(f.Title))
	}
	if f.XLabel != "" {
		fmt.Fprintf(&b, `<text x="%g" y="%g" text-anchor="middle" fill="#000000">%s</text>`, (left+right)/2, h-14, esc(f.XLabel))
	}
	if f.YLabel != "" {
		fmt.Fprintf(&b, `<text x="16" y="%g" text-anchor="middle" fill="#000000" transform="rotate(-90 16 %g)">%s</text>`, (top+bottom)/2, (top+bottom)/2, esc(f.YLabel))
	}
	if f.Legend {
		drawLegend(&b, f.legendEntries(), f.Series, right)
	}
	b.WriteString(`</svg>`)
	return []byte(b.String())
}

// dashArray is the stroke-dasharray attribute of a series' line.
func dashArray(s Series) string {
	if len(s.Dashes) > 0 {
		parts := make([]string, len(s.Dashes))
		for i, d := range s.Dashes {
			parts[i] = fmt.Sprintf("%.3g", math.Max(d, 0)*s.Width)
		}
		return ` stroke-dasharray="` + strings.Join(parts, " ") + `"`
	}
	switch s.Dash {
	case "--":
		return ` stroke-dasharray="6 3"`
	case ":":
		return ` stroke-dasharray="1.5 2.5"`
	case "-.":
		return ` stroke-dasharray="6 2.5 1.5 2.5"`
	}
	return ""
}

// opacity is the opacity attribute of a series, "" when opaque.
func opacity(s Series) string {
	if s.Opacity > 0 && s.Opacity < 1 {
		return fmt.Sprintf(` opacity="%.3g"`, s.Opacity)
	}
	return ""
}

// strokeWidth is a series' line width, drawn between 0 and 20 pixels
// (matplotlib accepts any width; wider lines would hide the plot).
func strokeWidth(s Series) float64 {
	return math.Min(math.Max(s.Width, 0), 20)
}

func drawSeries(b *strings.Builder, s Series, xs, ys scale, f *Figure) {
	if s.Color == "none" {
		return
	}
	var pts []string
	flush := func() {
		if len(pts) > 1 {
			fmt.Fprintf(b, `<polyline points="%s" fill="none" stroke="%s" stroke-width="%g" stroke-linejoin="round"%s%s/>`, strings.Join(pts, " "), s.Color, strokeWidth(s), dashArray(s), opacity(s))
		}
		pts = pts[:0]
	}
	drawLine := s.Kind == Line && s.Dash != "none"
	for i := range s.Y {
		xv, yv := s.X[i], s.Y[i]
		if !finite(xv) || !finite(yv) || (f.XLog && xv <= 0) || (f.YLog && yv <= 0) {
			flush() // matplotlib breaks the line at a missing point
			continue
		}
		x, y := xs.px(xv), ys.px(yv)
		if drawLine {
			pts = append(pts, fmt.Sprintf("%.2f,%.2f", x, y))
		}
		marker := s.Marker
		if s.Kind == Scatter && marker == "" {
			marker = "o"
		}
		drawMarker(b, marker, x, y, s)
	}
	if drawLine {
		flush()
	}
}

// markerShapes are the filled markers as polygons in a unit square centred
// on the point, y up (matplotlib's paths at their default transforms).
var markerShapes = map[string][][2]float64{
	"s": {{-0.5, -0.5}, {0.5, -0.5}, {0.5, 0.5}, {-0.5, 0.5}},
	"D": {{0, -0.707}, {0.707, 0}, {0, 0.707}, {-0.707, 0}},
	"d": {{0, -0.707}, {0.424, 0}, {0, 0.707}, {-0.424, 0}},
	"^": {{0, 0.5}, {-0.5, -0.5}, {0.5, -0.5}},
	"v": {{0, -0.5}, {0.5, 0.5}, {-0.5, 0.5}},
	"<": {{-0.5, 0}, {0.5, 0.5}, {0.5, -0.5}},
	">": {{0.5, 0}, {-0.5, -0.5}, {-0.5, 0.5}},
	"p": regularPolygon(5, 0, 0.5),
	"h": regularPolygon(6, 0, 0.5),
	"H": regularPolygon(6, 30, 0.5),
	"8": regularPolygon(8, 22.5, 0.5),
	"*": star(),
	"P": {{-1, -3}, {1, -3}, {1, -1}, {3, -1}, {3, 1}, {1, 1}, {1, 3}, {-1, 3}, {-1, 1}, {-3, 1}, {-3, -1}, {-1, -1}},
	"X": rotate([][2]float64{{-1, -3}, {1, -3}, {1, -1}, {3, -1}, {3, 1}, {1, 1}, {1, 3}, {-1, 3}, {-1, 1}, {-3, 1}, {-3, -1}, {-1, -1}}, 45),
}

// markerStrokes are the unfilled markers as line segments from the centre
// or across it, in the same unit square.
var markerStrokes = map[string][][4]float64{
	"+": {{-0.5, 0, 0.5, 0}, {0, -0.5, 0, 0.5}},
	"x": {{-0.5, -0.5, 0.5, 0.5}, {-0.5, 0.5, 0.5, -0.5}},
	"|": {{0, -0.5, 0, 0.5}},
	"_": {{-0.5, 0, 0.5, 0}},
	"1": {{0, 0, 0, -0.5}, {0, 0, 0.433, 0.25}, {0, 0, -0.433, 0.25}},
	"2": {{0, 0, 0, 0.5}, {0, 0, 0.433, -0.25}, {0, 0, -0.433, -0.25}},
	"3": {{0, 0, -0.5, 0}, {0, 0, 0.25, 0.433}, {0, 0, 0.25, -0.433}},
	"4": {{0, 0, 0.5, 0}, {0, 0, -0.25, 0.433}, {0, 0, -0.25, -0.433}},
}

func regularPolygon(n int, rotDeg, r float64) [][2]float64 {
	var pts [][2]float64
	for k := 0; k < n; k++ {
		a := math.Pi/2 + 2*math.Pi*float64(k)/float64(n) + rotDeg*math.Pi/180
		pts = append(pts, [2]float64{r * math.Cos(a), r * math.Sin(a)})
	}
	return pts
}

func star() [][2]float64 {
	var pts [][2]float64
	for k := 0; k < 10; k++ {
		r := 0.5
		if k%2 == 1 {
			r = 0.5 * 0.381966
		}
		a := math.Pi/2 + math.Pi*float64(k)/5
		pts = append(pts, [2]float64{r * math.Cos(a), r * math.Sin(a)})
	}
	return pts
}

func rotate(pts [][2]float64, deg float64) [][2]float64 {
	sin, cos := math.Sincos(deg * math.Pi / 180)
	out := make([][2]float64, len(pts))
	for i, p := range pts {
		out[i] = [2]float64{p[0]*cos - p[1]*sin, p[0]*sin + p[1]*cos}
	}
	return out
}

func init() {
	// The filled plus and cross are drawn in sixths.
	for _, m := range []string{"P", "X"} {
		for i := range markerShapes[m] {
			markerShapes[m][i][0] /= 6
			markerShapes[m][i][1] /= 6
		}
	}
}

// drawMarker draws marker m of series s at (x, y).
func drawMarker(b *strings.Builder, m string, x, y float64, s Series) {
	size := 7.0 // pixels for matplotlib's default 6 points
	if s.MarkerSize > 0 {
		size = math.Min(s.MarkerSize*7/6, 60)
	}
	op := opacity(s)
	switch m {
	case "":
		return
	case "o":
		fmt.Fprintf(b, `<circle cx="%.2f" cy="%.2f" r="%.3g" fill="%s"%s/>`, x, y, size/2, s.Color, op)
		return
	case ".":
		fmt.Fprintf(b, `<circle cx="%.2f" cy="%.2f" r="%.3g" fill="%s"%s/>`, x, y, size/4, s.Color, op)
		return
	case ",":
		fmt.Fprintf(b, `<rect x="%.2f" y="%.2f" width="1" height="1" fill="%s"%s/>`, x-0.5, y-0.5, s.Color, op)
		return
	}
	if shape, ok := markerShapes[m]; ok {
		pts := make([]string, len(shape))
		for i, p := range shape {
			pts[i] = fmt.Sprintf("%.2f,%.2f", x+p[0]*size, y-p[1]*size)
		}
		fmt.Fprintf(b, `<polygon points="%s" fill="%s"%s/>`, strings.Join(pts, " "), s.Color, op)
		return
	}
	if segs, ok := markerStrokes[m]; ok {
		var d strings.Builder
		for _, g := range segs {
			fmt.Fprintf(&d, "M%.2f %.2fL%.2f %.2f", x+g[0]*size, y-g[1]*size, x+g[2]*size, y-g[3]*size)
		}
		fmt.Fprintf(b, `<path d="%s" stroke="%s" stroke-width="1.5"%s/>`, d.String(), s.Color, op)
	}
}

// legendEntries are the rows the legend shows.
func (f *Figure) legendEntries() []LegendEntry {
	if f.Entries != nil {
		return f.Entries
	}
	var out []LegendEntry
	for i, s := range f.Series {
		if s.Label != "" && !strings.HasPrefix(s.Label, "_") {
			out = append(out, LegendEntry{Series: i, Label: s.Label})
		}
	}
	return out
}

func drawLegend(b *strings.Builder, entries []LegendEntry, series []Series, right float64) {
	if len(entries) == 0 {
		return
	}
	longest := 0
	for _, e := range entries {
		longest = max(longest, len([]rune(e.Label)))
	}
	width := 44 + float64(longest)*7
	x0, y0 := right-width-8, 48.0
	fmt.Fprintf(b, `<rect x="%g" y="%g" width="%g" height="%d" rx="3" fill="#ffffff" fill-opacity="0.85" stroke="#cccccc"/>`, x0, y0, width, 8+len(entries)*18)
	for i, e := range entries {
		s := series[e.Series]
		y := y0 + 14 + float64(i)*18
		if s.Color != "none" {
			if s.Kind == Line && s.Dash != "none" {
				fmt.Fprintf(b, `<line x1="%g" y1="%g" x2="%g" y2="%g" stroke="%s" stroke-width="%g"%s%s/>`, x0+8, y, x0+32, y, s.Color, strokeWidth(s), dashArray(s), opacity(s))
			}
			if s.Marker != "" || s.Kind == Scatter {
				m := s.Marker
				if m == "" {
					m = "o"
				}
				drawMarker(b, m, x0+20, y, s)
			}
		}
		fmt.Fprintf(b, `<text x="%g" y="%g" dominant-baseline="middle" fill="#000000">%s</text>`, x0+38, y, esc(e.Label))
	}
}

func esc(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;").Replace(s)
}
