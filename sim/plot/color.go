package plot

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
)

// RGBA is a colour, each channel from 0 to 1.
type RGBA struct{ R, G, B, A float64 }

// Hex is the colour as "#rrggbb", or "none" when it is fully transparent.
func (c RGBA) Hex() string {
	if c.A == 0 {
		return "none"
	}
	ch := func(v float64) int { return int(math.Round(v * 255)) }
	return fmt.Sprintf("#%02x%02x%02x", ch(c.R), ch(c.G), ch(c.B))
}

var (
	nthColor = regexp.MustCompile(`^C[0-9]+$`)
	hexColor = regexp.MustCompile(`^#(?:[0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$`)
)

// ParseColorString reads a colour given as a string, as matplotlib 3.8's
// colors.to_rgba does: "C<n>" (the default cycle, wrapping), "none", a name
// ("red", "tab:blue", "xkcd:sky blue"; case-insensitive except for one
// letter), "#rgb", "#rgba", "#rrggbb", "#rrggbbaa", or a grey level from
// "0" to "1". It reports false for anything else.
func ParseColorString(s string) (RGBA, bool) {
	if nthColor.MatchString(s) {
		n, err := strconv.Atoi(s[1:])
		if err != nil { // too many digits for an int: matplotlib's int() copes
			n = int(bigMod(s[1:], len(DefaultColors)))
		}
		c, _ := hexRGBA(DefaultColors[n%len(DefaultColors)])
		return c, true
	}
	if strings.ToLower(s) == "none" {
		return RGBA{}, true
	}
	name, ok := namedColors[s]
	if !ok && len(s) != 1 {
		name, ok = namedColors[strings.ToLower(s)]
	}
	if ok {
		return hexRGBA(name)
	}
	if hexColor.MatchString(s) {
		return hexRGBA(s)
	}
	// Python's float() of the string: surrounding whitespace is allowed.
	g, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || strings.ContainsAny(s, "xXpP_") || !(g >= 0 && g <= 1) {
		return RGBA{}, false
	}
	return RGBA{g, g, g, 1}, true
}

// hexRGBA reads "#rgb", "#rgba", "#rrggbb" or "#rrggbbaa".
func hexRGBA(s string) (RGBA, bool) {
	h := s[1:]
	if len(h) == 3 || len(h) == 4 {
		var b strings.Builder
		for _, r := range h {
			b.WriteRune(r)
			b.WriteRune(r)
		}
		h = b.String()
	}
	if len(h) == 6 {
		h += "ff"
	}
	v, err := strconv.ParseUint(h, 16, 32)
	if err != nil || len(h) != 8 {
		return RGBA{}, false
	}
	ch := func(shift uint) float64 { return float64((v>>shift)&0xff) / 255 }
	return RGBA{ch(24), ch(16), ch(8), ch(0)}, true
}

// bigMod is the decimal string n modulo m.
func bigMod(n string, m int) int {
	r := 0
	for _, d := range n {
		r = (r*10 + int(d-'0')) % m
	}
	return r
}
