package python

import "testing"

// UnpackArgs binds by position, then by keyword, and leaves an absent
// optional parameter's variable as it was.
func TestUnpackArgsBinds(t *testing.T) {
	var x Value
	dim, keep := -1, false
	args := Args{Pos: []Value{Str("t")}, Kw: []Kwarg{{Name: "keepdim", Value: True}}}
	if err := UnpackArgs("sum", args, "input", &x, "dim?", &dim, "*", "keepdim?", &keep); err != nil {
		t.Fatal(err)
	}
	if x != Str("t") || dim != -1 || !keep {
		t.Errorf("input=%v dim=%d keepdim=%v, want t -1 true", x, dim, keep)
	}
}

// Binding allocates nothing: the caller's variables stay on its stack, so
// a Go function that takes its arguments through UnpackArgs pays for none
// of them (the optimizers' constructors bind 11).
func TestUnpackArgsTargetsStayOnTheStack(t *testing.T) {
	args := Args{Pos: []Value{Str("params")}, Kw: []Kwarg{{Name: "lr", Value: Float(0.1)}, {Name: "momentum", Value: Float(0.9)}}}
	allocs := testing.AllocsPerRun(100, func() {
		var params Value
		var lr, momentum, dampening, wd float64
		var nesterov, maximize bool
		var foreach, diff, fused Value
		if err := UnpackArgs("SGD.__init__", args, "params", &params, "lr?", &lr, "momentum?", &momentum, "dampening?", &dampening,
			"weight_decay?", &wd, "nesterov?", &nesterov, "*", "maximize?", &maximize, "foreach?", &foreach,
			"differentiable?", &diff, "fused?", &fused); err != nil {
			t.Fatal(err)
		}
	})
	if allocs != 0 {
		t.Errorf("UnpackArgs allocated %v times per call, want 0", allocs)
	}
}

// Wrong calls raise CPython's TypeErrors, naming the function and the
// parameter.
func TestUnpackArgsErrors(t *testing.T) {
	tests := []struct {
		args Args
		want string
	}{
		{Args{}, "f() missing 1 required positional argument: 'x'"},
		{PosArgs(Int(1), Int(2), Int(3)), "f() takes from 1 to 2 positional arguments but 3 were given"},
		{Args{Pos: []Value{Int(1)}, Kw: []Kwarg{{Name: "x", Value: Int(2)}}}, "f() got multiple values for argument 'x'"},
		{Args{Pos: []Value{Int(1)}, Kw: []Kwarg{{Name: "z", Value: Int(2)}}}, "f() got an unexpected keyword argument 'z'"},
		{PosArgs(Int(1), Int(2)), "f() argument 'name' must be str, not int"},
	}
	for _, tt := range tests {
		var x Value
		var name string
		err := UnpackArgs("f", tt.args, "x", &x, "name?", &name)
		if err == nil || err.Error() != "TypeError: "+tt.want {
			t.Errorf("UnpackArgs(%v) = %v, want TypeError: %s", tt.args, err, tt.want)
		}
	}
}

// Positional arguments fill only the parameters before "*"; the
// keyword-only ones keep their values unless named.
func TestUnpackArgsKeywordOnlyTakeNoPositional(t *testing.T) {
	a, b := Value(nil), 7
	if err := UnpackArgs("g", PosArgs(Int(1)), "a", &a, "*", "b?", &b); err != nil || a != Int(1) || b != 7 {
		t.Errorf("g(1): a = %v, b = %d, err %v; want 1, 7, nil", a, b, err)
	}
	err := UnpackArgs("g", PosArgs(Int(1), Int(2)), "a", &a, "*", "b?", &b)
	if want := "TypeError: g() takes 1 positional argument but 2 were given"; err == nil || err.Error() != want {
		t.Errorf("g(1, 2) = %v, want %s", err, want)
	}
	err = UnpackArgs("g", PosArgs(Int(1)), "a", &a, "*", "b", &b)
	if want := "TypeError: g() missing 1 required keyword-only argument: 'b'"; err == nil || err.Error() != want {
		t.Errorf("g(1) with b required = %v, want %s", err, want)
	}
}

// Keywords bind optional and required parameters by their names (without
// the "?"), after the positional arguments; what is left out is reported
// in order, as CPython lists it.
func TestUnpackArgsKeywords(t *testing.T) {
	var params, lr Value
	momentum, nesterov := 0.0, false
	args := Args{Pos: []Value{Str("p")}, Kw: []Kwarg{{Name: "nesterov", Value: True}, {Name: "lr", Value: Float(0.1)}}}
	if err := UnpackArgs("SGD", args, "params", &params, "lr", &lr, "momentum?", &momentum, "*", "nesterov?", &nesterov); err != nil {
		t.Fatal(err)
	}
	if params != Str("p") || lr != Float(0.1) || momentum != 0 || !nesterov {
		t.Errorf("params=%v lr=%v momentum=%v nesterov=%v, want p 0.1 0 true", params, lr, momentum, nesterov)
	}
	tests := []struct {
		args Args
		want string
	}{
		{Args{Kw: []Kwarg{{Name: "mode", Value: Str("a")}}}, "f() missing 2 required positional arguments: 'params' and 'lr'"},
		{Args{Kw: []Kwarg{{Name: "lr", Value: Int(1)}, {Name: "params", Value: Int(1)}}}, "f() missing 1 required keyword-only argument: 'mode'"},
		{Args{Pos: []Value{Int(1)}, Kw: []Kwarg{{Name: "lr", Value: Int(1)}, {Name: "lr", Value: Int(2)}}}, "f() got multiple values for argument 'lr'"},
		{Args{Pos: []Value{Int(1)}, Kw: []Kwarg{{Name: "lr?", Value: Int(1)}}}, "f() got an unexpected keyword argument 'lr?'"},
		{Args{Pos: []Value{Int(1)}, Kw: []Kwarg{{Name: "l", Value: Int(1)}}}, "f() got an unexpected keyword argument 'l'"},
		{Args{Pos: []Value{Int(1)}, Kw: []Kwarg{{Name: "mode", Value: Int(1)}, {Name: "lr", Value: Int(1)}}}, "f() argument 'mode' must be str, not int"},
	}
	for _, tt := range tests {
		var params, lr Value
		var momentum float64
		var mode string
		err := UnpackArgs("f", tt.args, "params", &params, "lr", &lr, "momentum?", &momentum, "*", "mode", &mode)
		if err == nil || err.Error() != "TypeError: "+tt.want {
			t.Errorf("UnpackArgs(%v) = %v, want TypeError: %s", tt.args, err, tt.want)
		}
	}
}
