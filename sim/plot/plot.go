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
	Color  string // "" takes the next colour of the cycle
	Dash   string // "", "--", ":" or "-."
	Marker string // "", "o", "s", "^", "x", "+", "."
	Width  float64
}

// Figure is one figure with one set of axes.
type Figure struct {
	Title, XLabel, YLabel string
	Series                []Series
	Grid                  bool
	Legend                bool
	YLog                  bool
	XLog                  bool
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

// ParseFormat reads a matplotlib format string such as "r--", "o-" or "k:" into
// a colour, a dash pattern and a marker. It reports false for a string it does
// not understand, so the caller can raise matplotlib's ValueError.
func ParseFormat(fmtStr string) (color, dash, marker string, ok bool) {
	colors := map[byte]string{
		'b': "#0000ff", 'g': "#008000", 'r': "#ff0000", 'c': "#00bfbf",
		'm': "#bf00bf", 'y': "#bfbf00", 'k': "#000000", 'w': "#ffffff",
	}
	s := fmtStr
	lineSeen := false
	for len(s) > 0 {
		switch {
		case strings.HasPrefix(s, "--"):
			dash, s, lineSeen = "--", s[2:], true
		case strings.HasPrefix(s, "-."):
			dash, s, lineSeen = "-.", s[2:], true
		case s[0] == '-':
			dash, s, lineSeen = "", s[1:], true
		case s[0] == ':':
			dash, s, lineSeen = ":", s[1:], true
		case strings.IndexByte("os^x+.", s[0]) >= 0:
			marker, s = s[:1], s[1:]
		case colors[s[0]] != "":
			color, s = colors[s[0]], s[1:]
		default:
			return "", "", "", false
		}
	}
	if marker != "" && !lineSeen {
		dash = "none"
	}
	return color, dash, marker, true
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
		drawLegend(&b, f.Series, right)
	}
	b.WriteString(`</svg>`)
	return []byte(b.String())
}

func dashArray(d string) string {
	switch d {
	case "--":
		return ` stroke-dasharray="6 3"`
	case ":":
		return ` stroke-dasharray="1.5 2.5"`
	case "-.":
		return ` stroke-dasharray="6 2.5 1.5 2.5"`
	}
	return ""
}

func drawSeries(b *strings.Builder, s Series, xs, ys scale, f *Figure) {
	var pts []string
	flush := func() {
		if len(pts) > 1 {
			fmt.Fprintf(b, `<polyline points="%s" fill="none" stroke="%s" stroke-width="%g" stroke-linejoin="round"%s/>`, strings.Join(pts, " "), s.Color, s.Width, dashArray(s.Dash))
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
		drawMarker(b, marker, x, y, s.Color)
	}
	if drawLine {
		flush()
	}
}

func drawMarker(b *strings.Builder, m string, x, y float64, color string) {
	switch m {
	case "o":
		fmt.Fprintf(b, `<circle cx="%.2f" cy="%.2f" r="3.5" fill="%s"/>`, x, y, color)
	case ".":
		fmt.Fprintf(b, `<circle cx="%.2f" cy="%.2f" r="1.8" fill="%s"/>`, x, y, color)
	case "s":
		fmt.Fprintf(b, `<rect x="%.2f" y="%.2f" width="7" height="7" fill="%s"/>`, x-3.5, y-3.5, color)
	case "^":
		fmt.Fprintf(b, `<polygon points="%.2f,%.2f %.2f,%.2f %.2f,%.2f" fill="%s"/>`, x, y-4, x-4, y+3.5, x+4, y+3.5, color)
	case "x":
		fmt.Fprintf(b, `<path d="M%.2f %.2fL%.2f %.2fM%.2f %.2fL%.2f %.2f" stroke="%s" stroke-width="1.5"/>`, x-3.5, y-3.5, x+3.5, y+3.5, x-3.5, y+3.5, x+3.5, y-3.5, color)
	case "+":
		fmt.Fprintf(b, `<path d="M%.2f %.2fL%.2f %.2fM%.2f %.2fL%.2f %.2f" stroke="%s" stroke-width="1.5"/>`, x-4, y, x+4, y, x, y-4, x, y+4, color)
	}
}

func drawLegend(b *strings.Builder, series []Series, right float64) {
	var labeled []Series
	for _, s := range series {
		if s.Label != "" && !strings.HasPrefix(s.Label, "_") {
			labeled = append(labeled, s)
		}
	}
	if len(labeled) == 0 {
		return
	}
	longest := 0
	for _, s := range labeled {
		longest = max(longest, len([]rune(s.Label)))
	}
	width := 44 + float64(longest)*7
	x0, y0 := right-width-8, 48.0
	fmt.Fprintf(b, `<rect x="%g" y="%g" width="%g" height="%d" rx="3" fill="#ffffff" fill-opacity="0.85" stroke="#cccccc"/>`, x0, y0, width, 8+len(labeled)*18)
	for i, s := range labeled {
		y := y0 + 14 + float64(i)*18
		if s.Kind == Line && s.Dash != "none" {
			fmt.Fprintf(b, `<line x1="%g" y1="%g" x2="%g" y2="%g" stroke="%s" stroke-width="%g"%s/>`, x0+8, y, x0+32, y, s.Color, s.Width, dashArray(s.Dash))
		}
		if s.Marker != "" || s.Kind == Scatter {
			m := s.Marker
			if m == "" {
				m = "o"
			}
			drawMarker(b, m, x0+20, y, s.Color)
		}
		fmt.Fprintf(b, `<text x="%g" y="%g" dominant-baseline="middle" fill="#000000">%s</text>`, x0+38, y, esc(s.Label))
	}
}

func esc(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;").Replace(s)
}
