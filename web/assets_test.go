package web

import (
	"fmt"
	"math"
	"regexp"
	"strings"
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

// TestThemeContrast reads the colour variables of both themes from
// style.css and checks each text colour against the backgrounds it is drawn
// on for WCAG AA (4.5:1). The runnable-block labels sit on the code
// background, which comes from the chroma styles.
func TestThemeContrast(t *testing.T) {
	css, err := staticFiles.ReadFile("static/style.css")
	if err != nil {
		t.Fatal(err)
	}
	light, dark, err := codeStyles()
	if err != nil {
		t.Fatal(err)
	}
	themes := []struct {
		name, selector string
		code           chroma.Colour
	}{
		{"light", ":root {", light.Get(chroma.Background).Background},
		{"dark", `:root[data-theme="dark"] {`, dark.Get(chroma.Background).Background},
	}
	pairs := [][2]string{
		{"--fg", "--bg"}, {"--fg", "--surface"},
		{"--muted", "--bg"}, {"--muted", "--surface"},
		{"--link", "--bg"}, {"--link", "--surface"},
		{"--fails", "--bg"},
	}
	// The dark colours appear twice: for data-theme="dark", and for the
	// system's dark setting when no theme was chosen. They must agree.
	explicit := cssVars(t, string(css), `:root[data-theme="dark"] {`)
	system := cssVars(t, string(css), `:root:not([data-theme="light"]) {`)
	if fmt.Sprint(explicit) != fmt.Sprint(system) {
		t.Errorf("the two dark blocks of style.css differ:\n%v\n%v", explicit, system)
	}

	for _, th := range themes {
		vars := cssVars(t, string(css), th.selector)
		for _, p := range pairs {
			fg, bg := vars[p[0]], vars[p[1]]
			if !fg.IsSet() || !bg.IsSet() {
				t.Fatalf("%s theme: %s or %s missing from style.css", th.name, p[0], p[1])
			}
			if r := contrast(fg, bg); r < 4.5 {
				t.Errorf("%s theme: %s %s on %s %s has contrast %.2f, want at least 4.5", th.name, p[0], fg, p[1], bg, r)
			}
		}
		for _, label := range []string{"--runnable", "--fails"} {
			if r := contrast(vars[label], th.code); r < 4.5 {
				t.Errorf("%s theme: %s %s on the code background %s has contrast %.2f", th.name, label, vars[label], th.code, r)
			}
		}
	}
}

// cssVars returns the "--name: #rrggbb;" declarations of the rule that
// starts with selector.
func cssVars(t *testing.T, css, selector string) map[string]chroma.Colour {
	t.Helper()
	i := strings.Index(css, selector)
	if i < 0 {
		t.Fatalf("style.css has no %q rule", selector)
	}
	block, _, _ := strings.Cut(css[i+len(selector):], "}")
	vars := map[string]chroma.Colour{}
	for _, m := range regexp.MustCompile(`(--[a-z-]+):\s*(#[0-9a-fA-F]{6})\s*;`).FindAllStringSubmatch(block, -1) {
		vars[m[1]] = chroma.MustParseColour(m[2])
	}
	return vars
}
