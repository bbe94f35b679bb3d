// Package suggest reproduces CPython 3.12's "Did you mean" hints for
// NameError and AttributeError, so a learner's typo gets the same hint the
// real interpreter prints.
//
// An uncaught exception in CPython 3.12 is displayed by C code
// (Python/pythonrun.c), which takes its hints from Python/suggestions.c;
// this package follows that file. (Lib/traceback.py has a Python copy with
// small differences, used by the traceback module and, from 3.13 on, for
// uncaught exceptions too; the interpreter shows what 3.12 prints.)
//
// The algorithm: a Levenshtein distance over the names' UTF-8 bytes where
// insertions, deletions and substitutions cost 2 and a change of ASCII case
// costs 1; a candidate is taken only if no more than a third of the bytes
// involved need changing and only if it beats every earlier candidate, so
// ties go to the first. A list of 750 or more candidates gives no
// suggestion; parts longer than 40 bytes after trimming the common prefix
// and suffix never match.
//
// How the interpreter uses it:
//
//	AttributeError: s, ok := Suggest(attr, dir(obj)) with dir sorted, then
//	    msg += AttributeSuffix(s, ok).
//	NameError: if the failing frame's local variable names include "self"
//	    and self has the attribute, the hint is NameSuffix(name,
//	    "self."+name, true). Otherwise s, ok := SuggestName(name, locals,
//	    globals, Builtins) and msg += NameSuffix(name, s, ok). locals are the
//	    code object's local variable names (parameters first, bound or not;
//	    none at module level), globals the module dict's keys in insertion
//	    order (ModuleGlobals first for a script).
//
// Hints are added only when the exception's type is exactly NameError or
// AttributeError (CPython checks Py_IS_TYPE): an UnboundLocalError or a
// user subclass gets none.
//
// The goldens in testdata were printed by CPython 3.11, whose suggestions.c
// computes the same hints; 3.12 added the "self." and "Did you forget to
// import" hints, which NameSuffix and the caller provide.
package suggest

const (
	maxCandidates = 750
	maxStringSize = 40
	moveCost      = 2
	caseCost      = 1
)

// Suggest returns the candidate CPython would offer for the unknown name
// from one list (calculate_suggestions), or false when it offers none.
func Suggest(name string, candidates []string) (string, bool) {
	if len(candidates) >= maxCandidates {
		return "", false
	}
	best := int(^uint(0) >> 1)
	suggestion, found := "", false
	for _, c := range candidates {
		if c == name {
			continue
		}
		maxDist := (len(name) + len(c) + 3) * moveCost / 6
		maxDist = min(maxDist, best-1)
		d := distance(name, c, maxDist)
		if d > maxDist {
			continue
		}
		if !found || d < best {
			suggestion, found, best = c, true, d
		}
	}
	return suggestion, found
}

// SuggestName is the NameError search: the function's local variable
// names, then the globals, then the builtins, each list searched on its
// own; the first list with a match wins even if a later one has a closer
// name.
func SuggestName(name string, locals, globals, builtins []string) (string, bool) {
	for _, list := range [][]string{locals, globals, builtins} {
		if s, ok := Suggest(name, list); ok {
			return s, true
		}
	}
	return "", false
}

// Distance is CPython's weighted Levenshtein distance between a and b
// (over UTF-8 bytes), giving up and returning maxCost+1 as soon as it must
// exceed maxCost.
func Distance(a, b string, maxCost int) int {
	return distance(a, b, maxCost)
}

func distance(a, b string, maxCost int) int {
	if a == b {
		return 0
	}
	for len(a) > 0 && len(b) > 0 && a[0] == b[0] {
		a, b = a[1:], b[1:]
	}
	for len(a) > 0 && len(b) > 0 && a[len(a)-1] == b[len(b)-1] {
		a, b = a[:len(a)-1], b[:len(b)-1]
	}
	if len(a) == 0 || len(b) == 0 {
		return (len(a) + len(b)) * moveCost
	}
	if len(a) > maxStringSize || len(b) > maxStringSize {
		return maxCost + 1
	}
	if len(b) < len(a) {
		a, b = b, a
	}
	if (len(b)-len(a))*moveCost > maxCost {
		return maxCost + 1
	}
	// One row of the classic matrix, updated in place: row[i] is the cost
	// of turning b[:j] into a[:i+1].
	var row [maxStringSize]int
	for i := 0; i < len(a); i++ {
		row[i] = (i + 1) * moveCost
	}
	result := 0
	for j := 0; j < len(b); j++ {
		dist := j * moveCost
		result = dist
		minimum := int(^uint(0) >> 1)
		for i := 0; i < len(a); i++ {
			substitute := dist + substitutionCost(b[j], a[i])
			dist = row[i]
			result = min(min(result, dist)+moveCost, substitute)
			row[i] = result
			minimum = min(minimum, result)
		}
		if minimum > maxCost {
			return maxCost + 1
		}
	}
	return result
}

// substitutionCost makes a change of ASCII case cheaper than any other
// change, as suggestions.c does byte by byte.
func substitutionCost(a, b byte) int {
	if a&31 != b&31 {
		return moveCost
	}
	if a == b {
		return 0
	}
	if 'A' <= a && a <= 'Z' {
		a += 'a' - 'A'
	}
	if 'A' <= b && b <= 'Z' {
		b += 'a' - 'A'
	}
	if a == b {
		return caseCost
	}
	return moveCost
}

// AttributeSuffix is what CPython appends to an AttributeError message.
func AttributeSuffix(suggestion string, ok bool) string {
	if !ok {
		return ""
	}
	return ". Did you mean: '" + suggestion + "'?"
}

// NameSuffix is what CPython 3.12 appends to a NameError message: the
// suggestion, and a reminder to import name when it is a standard-library
// module.
func NameSuffix(name, suggestion string, ok bool) string {
	s := AttributeSuffix(suggestion, ok)
	if IsStdlibModule(name) {
		if s != "" {
			s += " Or did you forget to import '" + name + "'?"
		} else {
			s = ". Did you forget to import '" + name + "'?"
		}
	}
	return s
}

// IsStdlibModule reports whether name is in CPython 3.12's
// sys.stdlib_module_names.
func IsStdlibModule(name string) bool {
	_, ok := stdlibModules[name]
	return ok
}
