package pyplot

import (
	"sort"
	"strings"

	"github.com/ckptlab/ckptlab/sim/python"
)

// The parts of matplotlib the simulator does not have still exist under
// their names, so that hasattr(plt, "xlim") is true as in matplotlib, and
// calling one says it is the simulator's limit instead of the
// "has no attribute" a missing name would print.

// unsupportedPyplot are matplotlib 3.8's pyplot functions the simulator does not have.
var unsupportedPyplot = strings.Fields(`acorr angle_spectrum annotate arrow autoscale autumn axes axhline
	axhspan axis axline axvline axvspan bar bar_label barbs barh bone box boxplot broken_barh clabel
	clim cohere colorbar connect contour contourf cool copper csd delaxes disconnect errorbar eventplot
	figimage figlegend figtext fill fill_between fill_betweenx findobj flag gci get get_cmap
	get_current_fig_manager get_figlabels getp ginput gray hexbin hist hist2d hlines hot hsv imread
	imsave imshow inferno jet locator_params magma magnitude_spectrum margins matshow minorticks_off
	minorticks_on nipy_spectral pause pcolor pcolormesh phase_spectrum pie pink plasma polar prism psd
	quiver quiverkey rc rc_context rcdefaults rgrids sca sci set_cmap setp specgram spring spy
	stackplot stairs stem step streamplot subplot subplot2grid subplot_mosaic subplot_tool
	subplots_adjust summer suptitle switch_backend table text thetagrids tick_params ticklabel_format
	twinx twiny violinplot viridis vlines waitforbuttonpress winter xcorr xkcd xlim xticks ylim yticks`)

// unsupportedAxes are Axes methods learners reach for that the simulator does not have.
var unsupportedAxes = map[string]bool{}

// unsupportedFigure are Figure methods learners reach for that the simulator does not have.
var unsupportedFigure = map[string]bool{}

func init() {
	for _, n := range strings.Fields(`annotate arrow axhline axhspan axis axline axvline axvspan bar
		bar_label barh boxplot errorbar fill fill_between fill_betweenx get_legend get_lines get_xlim
		get_xticks get_ylim get_yticks hist hist2d hlines imshow invert_xaxis invert_yaxis margins
		minorticks_off minorticks_on pie set set_aspect set_facecolor set_xlim set_xticklabels set_xticks
		set_ylim set_yticklabels set_yticks stackplot stairs stem step text tick_params ticklabel_format
		twinx twiny violinplot vlines`) {
		unsupportedAxes[n] = true
	}
	for _, n := range strings.Fields(`add_axes add_gridspec colorbar get_size_inches legend
		set_dpi set_figheight set_figwidth set_size_inches subfigures subplots subplots_adjust
		suptitle supxlabel supylabel text`) {
		unsupportedFigure[n] = true
	}
	AxesClass.GetAttrHook = unsupportedHook(unsupportedAxes, "Axes", AxesClass)
	FigureClass.GetAttrHook = unsupportedHook(unsupportedFigure, "Figure", FigureClass)
}

// unsupportedHook returns, for the names in set, a method that raises the
// simulator's NotImplementedError; other names stay AttributeErrors.
func unsupportedHook(set map[string]bool, class string, c *python.Class) func(t *python.Thread, self python.Value, name string) (python.Value, error) {
	return func(t *python.Thread, self python.Value, name string) (python.Value, error) {
		if !set[name] {
			return nil, nil
		}
		return python.NewBuiltin(name, func(t *python.Thread, args python.Args) (python.Value, error) {
			return nil, notSupported(class+"."+name, classMethods(c))
		}), nil
	}
}

// notSupported is the error of a matplotlib function the simulator lacks.
func notSupported(name string, has []string) error {
	return python.Errorf(python.NotImplementedErrorClass, "the simulator's matplotlib does not have %s(); it has %s", name, strings.Join(has, ", "))
}

// classMethods are the public methods the simulator gives a class.
func classMethods(c *python.Class) []string {
	var out []string
	switch c {
	case AxesClass:
		for n := range axesFuncs {
			out = append(out, n)
		}
		out = append(out, axesExtraMethods...)
	case FigureClass:
		out = append(out, "add_subplot", "clear", "clf", "gca", "savefig", "show", "tight_layout")
	}
	sort.Strings(out)
	return out
}

func addUnsupportedPyplot(m *python.Module) {
	var has []string
	for _, k := range m.Dict().Keys() {
		if s, ok := k.(python.Str); ok && !strings.HasPrefix(string(s), "_") {
			has = append(has, string(s))
		}
	}
	sort.Strings(has)
	for _, name := range unsupportedPyplot {
		name := name
		m.SetFunc(name, func(t *python.Thread, args python.Args) (python.Value, error) {
			return nil, notSupported("pyplot."+name, has)
		})
	}
}
