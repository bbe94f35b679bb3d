package python

import "strings"

// eval and exec run source text in the caller's module namespace (or the
// dict given). Unlike CPython they do not see the calling function's local
// variables.
func initEvalExec() {
	run := func(name string, expr bool) func(t *Thread, args Args) (Value, error) {
		return func(t *Thread, args Args) (Value, error) {
			var src, globals, locals Value
			if err := UnpackArgs(name, args, "source", &src, "globals?", &globals, "locals?", &locals); err != nil {
				return nil, err
			}
			text, ok := src.(Str)
			if !ok {
				return nil, Errorf(TypeErrorClass, "%s() arg 1 must be a string, bytes or code object", name)
			}
			g, ok := globals.(*Dict)
			if !ok {
				if t.top == nil {
					return nil, Errorf(RuntimeErrorClass, "%s(): no current frame", name)
				}
				g = t.top.tbFrame().globals
			}
			code := string(text)
			if expr {
				code = "__eval_result__ = (" + strings.TrimSpace(code) + "\n)"
			}
			prog, err := Parse(code)
			if err != nil {
				return nil, err
			}
			prog.File = "<string>"
			fr := &frame{t: t, name: "<module>", globals: g, prog: prog, scope: prog.scope, hidden: false}
			fr.back = t.top
			t.top = fr
			t.depth++
			_, err = fr.execBody(prog.Body)
			t.depth--
			t.top = fr.back
			if err != nil {
				return nil, err
			}
			if expr {
				v, _ := g.GetStr("__eval_result__")
				g.Delete(t, Str("__eval_result__"))
				return v, nil
			}
			return None, nil
		}
	}
	defBuiltin("eval", run("eval", true))
	defBuiltin("exec", run("exec", false))
}
