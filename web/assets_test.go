package web

import (
	"fmt"
	"math"
	"testing"

	"github.com/alecthomas/chroma/v2"
)

// TestChromaContrast checks every highlighted token colour of both code
// styles against its background for WCAG AA (4.5:1). Tokens the lessons
// never show (errors with their own background, whitespace, line numbers)
// are left out.
func TestChromaContrast(t *testing.T) {
	light, dark, err := codeStyles()
	if err != nil {
		t.Fatal(err)
	}
	skip := map[chroma.TokenType]bool{
		chroma.Error: true, chroma.TextWhitespace: true,
		chroma.LineNumbers: true, chroma.LineNumbersTable: true, chroma.LineHighlight: true,
	}
	for name, style := range map[string]*chroma.Style{"light": light, "dark": dark} {
		bg := style.Get(chroma.Background).Background
		for _, tt := range style.Types() {
			e := style.Get(tt)
			if skip[tt] || !e.Colour.IsSet() || e.Background != bg {
				continue
			}
			if r := contrast(e.Colour, bg); r < 4.5 {
				t.Errorf("%s style: %v %s on %s has contrast %.2f, want at least 4.5", name, tt, e.Colour, bg, r)
			}
		}
	}
}

func contrast(a, b chroma.Colour) float64 {
	la, lb := luminance(a), luminance(b)
	return (math.Max(la, lb) + 0.05) / (math.Min(la, lb) + 0.05)
}

func luminance(c chroma.Colour) float64 {
	channel := func(v uint8) float64 {
		f := float64(v) / 255
		if f <= 0.03928 {
			return f / 12.92
		}
		return math.Pow((f+0.055)/1.055, 2.4)
	}
	return 0.2126*channel(c.Red()) + 0.7152*channel(c.Green()) + 0.0722*channel(c.Blue())
}

func TestContrastFormula(t *testing.T) {
	// Black on white is the maximum, 21:1.
	if got := fmt.Sprintf("%.1f", contrast(chroma.MustParseColour("#000000"), chroma.MustParseColour("#ffffff"))); got != "21.0" {
		t.Errorf("contrast(black, white) = %s, want 21.0", got)
	}
}
