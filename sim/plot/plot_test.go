package plot

import (
	"encoding/xml"
	"io"
	"math"
	"strings"
	"testing"
)

func TestParseFormat(t *testing.T) {
	tests := []struct {
		in                  string
		color, dash, marker string
		ok                  bool
	}{
		{"", "", "", "", true},
		{"r--", "#ff0000", "--", "", true},
		{"o-", "", "", "o", true},
		{"k:", "#000000", ":", "", true},
		{"bo", "#0000ff", "none", "o", true}, // a marker alone draws no line
		{"-.", "", "-.", "", true},
		{"q", "", "", "", false},
	}
	for _, tt := range tests {
		c, d, m, ok := ParseFormat(tt.in)
		if c != tt.color || d != tt.dash || m != tt.marker || ok != tt.ok {
			t.Errorf("ParseFormat(%q) = %q, %q, %q, %v; want %q, %q, %q, %v", tt.in, c, d, m, ok, tt.color, tt.dash, tt.marker, tt.ok)
		}
	}
}

func TestNiceStep(t *testing.T) {
	tests := []struct{ raw, want float64 }{
		{0.13, 0.2}, {0.7, 1}, {2.2, 2.5}, {3, 5}, {18, 20}, {0, 1},
	}
	for _, tt := range tests {
		if got := niceStep(tt.raw); math.Abs(got-tt.want) > 1e-12 {
			t.Errorf("niceStep(%g) = %g, want %g", tt.raw, got, tt.want)
		}
	}
}

// wellFormed fails the test unless svg parses as XML.
func wellFormed(t *testing.T, svg []byte) {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(string(svg)))
	for {
		_, err := d.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatalf("SVG is not well-formed XML: %v\n%s", err, svg)
		}
	}
}

func TestSVGDrawsLossCurves(t *testing.T) {
	var f Figure
	f.Title, f.XLabel, f.YLabel = "Loss <by step>", "step", "loss"
	f.Grid, f.Legend = true, true
	f.Add(Series{X: []float64{0, 1, 2, 3}, Y: []float64{1, 0.5, 0.25, 0.125}, Label: "uninterrupted"})
	f.Add(Series{X: []float64{0, 1, 2, 3}, Y: []float64{1, 0.5, 0.4, 0.3}, Label: "model only", Dash: "--"})
	svg := f.SVG()
	wellFormed(t, svg)
	s := string(svg)
	for _, want := range []string{
		"<title>Loss &lt;by step&gt;</title>",
		`stroke="#1f77b4"`, `stroke="#ff7f0e"`, // the first two colours of the cycle
		`stroke-dasharray="6 3"`,
		">uninterrupted</text>", ">model only</text>",
		">step</text>", ">loss</text>",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("SVG lacks %s", want)
		}
	}
	if got := strings.Count(s, "<polyline"); got != 2 {
		t.Errorf("SVG has %d polylines, want 2", got)
	}
	if strings.Contains(s, "style=") || strings.Contains(s, "<style") {
		t.Error("SVG uses inline styles, which the page's CSP forbids")
	}
}

func TestSVGBreaksLinesAtNaNAndSkipsNonPositiveOnLogScale(t *testing.T) {
	f := Figure{YLog: true}
	f.Add(Series{X: []float64{0, 1, 2, 3, 4}, Y: []float64{10, 1, math.NaN(), 0.1, 0.01}})
	svg := f.SVG()
	wellFormed(t, svg)
	if got := strings.Count(string(svg), "<polyline"); got != 2 {
		t.Errorf("got %d polylines, want 2 (the NaN splits the line)", got)
	}
	if !strings.Contains(string(svg), ">1e-2</text>") || !strings.Contains(string(svg), ">1e1</text>") {
		t.Errorf("log axis lacks its decade ticks:\n%s", svg)
	}
}

func TestSVGOfEmptyFigure(t *testing.T) {
	var f Figure
	wellFormed(t, f.SVG())
}
