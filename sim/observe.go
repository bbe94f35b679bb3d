package sim

import (
	"fmt"
	"runtime/debug"

	"github.com/ckptlab/ckptlab/sim/pyplot"
	"github.com/ckptlab/ckptlab/sim/python"
	"github.com/ckptlab/ckptlab/sim/torch"
)

// Observed is what a run shows beyond its output: the program's torch
// objects after the run (the state view), the checkpoint-relevant events of
// the block in order (the timeline) and the figures it drew. History blocks
// replay silently and add nothing here.
type Observed struct {
	State    []Object // modules, optimizers, tensors and dicts holding them, by global name
	Timeline []Event
	// TimelineDropped counts events past torch.MaxEvents, left out.
	TimelineDropped int
	Plots           []string // SVG documents, in the order the program drew them
	// ViewFailure is set when describing the program's state failed (a bug
	// in the simulator, recovered): the view is then empty, the run's output
	// is not affected, and the caller should log it. It holds the panic and
	// its Go stack.
	ViewFailure string
}

// Object is one named object of the state view.
type Object = torch.View

// Event is one entry of the timeline.
type Event = torch.Event

// observer watches the thread of the block being run.
type observer struct {
	t   *python.Thread
	rec *torch.Recorder
}

func observe(t *python.Thread) observer {
	return observer{t: t, rec: torch.Record(t)}
}

// finish describes the program's state once the block has run; e is how it
// failed, if it did, which ends the timeline.
func (o observer) finish(main *python.Module, e *Error) (obs Observed) {
	// Describing runs Python (reprs) outside the interpreter's own recover:
	// a bug there must cost the view, not the run.
	defer func() {
		if r := recover(); r != nil {
			obs = Observed{ViewFailure: fmt.Sprintf("describing the program's state: %v\n%s", r, debug.Stack())}
		}
	}()
	var end *Event
	if e != nil && e.Type != "SystemExit" {
		text := e.Type + ": " + e.Message
		if e.Limit != "" {
			text = "stopped by the " + e.Limit + " limit"
		}
		end = &Event{Kind: torch.EventError, Line: e.Line, Count: 1, Text: text, Targets: []string{}, Values: []torch.NamedValue{}}
	}
	state, timeline := o.rec.Observe(o.t, main.Dict(), end)
	obs = Observed{
		State:           state,
		Timeline:        timeline,
		TimelineDropped: o.rec.Dropped,
		Plots:           pyplot.Shown(o.t),
	}
	return obs
}
