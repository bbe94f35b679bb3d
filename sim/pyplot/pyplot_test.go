package pyplot_test

import (
	"context"
	"strings"
	"testing"

	"github.com/ckptlab/ckptlab/sim"
)

// TestPyplot runs pyplot programs through the simulator and checks what
// they draw, where the SVG goes, and how it refuses what it cannot draw.
// The texts matplotlib prints are checked against recordings by
// TestConformance (testdata/cases).
func TestPyplot(t *testing.T) {
	tests := []struct {
		name      string
		code      string
		plots     int
		svgHas    []string
		files     []string
		wantError string // the traceback's last line, "" for none
		wantOut   string
	}{
		{
			name: "the lesson's three loss curves",
			code: `import matplotlib.pyplot as plt
epochs = list(range(1, 6))
plt.plot(epochs, [5, 4, 3, 2, 1], label="uninterrupted")
plt.plot(epochs, [5, 4, 3, 2.5, 2], "r--", label="resumed from the model alone")
plt.xlabel("epoch")
plt.ylabel("training loss")
plt.title("Resuming at epoch 3")
plt.legend()
plt.grid(True)
plt.yscale("log")
plt.show()
`,
			plots:  1,
			svgHas: []string{"Resuming at epoch 3", "epoch", "training loss", "uninterrupted", "resumed from the model alone", "#ff0000", "stroke-dasharray"},
		},
		{
			name:    "subplots and savefig into the workspace; tensors as data",
			code:    "import torch\nimport matplotlib.pyplot as plt\nfig, ax = plt.subplots(figsize=(4, 3))\nax.scatter(torch.arange(3), torch.tensor([1.0, 4.0, 9.0]), label='squares')\nax.set_title('t')\nax.legend()\nfig.savefig('loss.svg')\nprint(fig)\nprint(ax)\n",
			plots:   1,
			svgHas:  []string{`width="400"`, "squares"},
			files:   []string{"loss.svg"},
			wantOut: "Figure(400x300)\nAxes(0.125,0.11;0.775x0.77)\n",
		},
		{
			name:  "show draws every open figure once",
			code:  "import matplotlib.pyplot as plt\nplt.figure()\nplt.plot([1, 2])\nplt.figure()\nplt.plot([3, 1])\nplt.show()\nplt.show()\n",
			plots: 2,
		},
		{
			name:      "PNG is refused with a reason",
			code:      "import matplotlib.pyplot as plt\nplt.plot([1, 2])\nplt.savefig('loss.png')\n",
			wantError: "ValueError: Format 'png' is not supported by the simulator, which saves figures as SVG only: use a name ending in .svg",
		},
		{
			name:      "mismatched lengths",
			code:      "import matplotlib.pyplot as plt\nplt.plot([1, 2, 3], [1, 2])\n",
			wantError: "ValueError: x and y must have same first dimension, but have shapes (3,) and (2,)",
		},
		{
			name:      "unknown keyword",
			code:      "import matplotlib.pyplot as plt\nplt.plot([1, 2], colour='red')\n",
			wantError: "AttributeError: Line2D.set() got an unexpected keyword argument 'colour'",
		},
		{
			name:      "one axes per figure",
			code:      "import matplotlib.pyplot as plt\nplt.subplots(2, 1)\n",
			wantError: "NotImplementedError: the simulator draws one axes per figure: subplots(2, 1) is not supported; make one figure per plot",
		},
		{
			name:      "scales the simulator does not draw are its limit",
			code:      "import matplotlib.pyplot as plt\nplt.plot([1, 2])\nplt.yscale('symlog')\n",
			wantError: "NotImplementedError: the simulator draws the 'linear' and 'log' scales only, not 'symlog'",
		},
		{
			name:      "text markers are the simulator's limit",
			code:      "import matplotlib.pyplot as plt\nplt.plot([1, 2], marker='$x$')\n",
			wantError: "NotImplementedError: the simulator does not draw text markers such as '$x$'; it draws the one-character markers '.', ',', 'o', 'v', '^', '<', '>', '1', '2', '3', '4', '8', 's', 'p', 'P', '*', 'h', 'H', '+', 'x', 'X', 'D', 'd', '|', '_'",
		},
		{
			name:      "strings as data are the simulator's limit",
			code:      "import matplotlib.pyplot as plt\nplt.plot(['a', 'b'], [1, 2])\n",
			wantError: "NotImplementedError: the simulator plots numbers only: matplotlib would draw strings as categories, which the simulator does not",
		},
		{
			name:      "colour-mapped scatter plots are the simulator's limit",
			code:      "import matplotlib.pyplot as plt\nplt.scatter([1, 2], [3, 4], c=[0.5, 0.9])\n",
			wantError: "NotImplementedError: the simulator draws a scatter plot in one colour: it does not map the values of c to colours",
		},
		{
			name:   "matplotlib's markers, named colours and alpha are drawn",
			code:   "import matplotlib.pyplot as plt\nplt.plot([1, 2], 'D', color='xkcd:sky blue')\nplt.plot([2, 1], marker='*', alpha=0.5, label='star')\nplt.legend(['diamonds'])\nplt.show()\n",
			plots:  1,
			svgHas: []string{"<polygon", `fill="#75bbfd"`, `opacity="0.5"`, ">diamonds</text>"},
		},
		{
			name:   "a figure without axes is drawn blank",
			code:   "import matplotlib.pyplot as plt\nplt.figure(figsize=(3, 2))\nplt.show()\n",
			plots:  1,
			svgHas: []string{`width="300"`, `height="200"`},
		},
		{
			name:      "pyplot functions the simulator lacks exist and say so",
			code:      "import matplotlib.pyplot as plt\nplt.plot([1, 2])\nplt.xlim(0, 1)\n",
			wantError: "NotImplementedError: the simulator's matplotlib does not have pyplot.xlim(); it has cla, clf, close, draw, fignum_exists, figure, gca, gcf, get_fignums, grid, legend, loglog, plot, savefig, scatter, semilogx, semilogy, show, subplots, tight_layout, title, xlabel, xscale, ylabel, yscale",
		},
		{
			name:      "Axes methods the simulator lacks say so",
			code:      "import matplotlib.pyplot as plt\nfig, ax = plt.subplots()\nax.set_xlim(0, 1)\n",
			wantError: "NotImplementedError: the simulator's matplotlib does not have Axes.set_xlim(); it has cla, clear, get_title, get_xlabel, get_xscale, get_ylabel, get_yscale, grid, legend, loglog, plot, scatter, semilogx, semilogy, set_title, set_xlabel, set_xscale, set_ylabel, set_yscale",
		},
		{
			name:      "a bad format string",
			code:      "import matplotlib.pyplot as plt\nplt.plot([1, 2], 'q')\n",
			wantError: "ValueError: 'q' is not a valid format string (unrecognized character 'q')",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := sim.Run(context.Background(), sim.Request{Code: tt.code})
			if err != nil {
				t.Fatal(err)
			}
			if tt.wantError != "" {
				if res.Error == nil || !strings.HasSuffix(res.Error.Traceback, tt.wantError+"\n") {
					t.Fatalf("output %q, want it to end with %q", res.Output, tt.wantError)
				}
				return
			}
			if res.Error != nil {
				t.Fatalf("error: %s", res.Output)
			}
			if tt.wantOut != "" && res.Output != tt.wantOut {
				t.Errorf("output %q, want %q", res.Output, tt.wantOut)
			}
			if len(res.Plots) != tt.plots {
				t.Fatalf("%d plots, want %d", len(res.Plots), tt.plots)
			}
			for _, want := range tt.svgHas {
				if !strings.Contains(res.Plots[0], want) {
					t.Errorf("the SVG lacks %q", want)
				}
			}
			for _, svg := range res.Plots {
				if !strings.HasPrefix(svg, "<svg") || strings.Contains(svg, "style=") || strings.Contains(svg, "<script") {
					t.Errorf("plot is not CSP-clean SVG: %.80s", svg)
				}
			}
			for _, f := range tt.files {
				if string(res.Files[f]) != res.Plots[0] {
					t.Errorf("workspace file %s is not the shown SVG", f)
				}
			}
		})
	}
}
