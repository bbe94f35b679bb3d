// Package suggest reproduces CPython 3.12's "Did you mean" hints for
// NameError and AttributeError, so a learner's typo gets the same hint the
// real interpreter prints.
//
// The algorithm is the one in CPython 3.12's Lib/traceback.py
// (_compute_suggestion_error and _levenshtein_distance): a Levenshtein
// distance where insertions, deletions and substitutions cost 2 and a change
// of case only costs 1; a candidate is taken only if no more than a third of
// the characters involved need changing, only if it beats every earlier
// candidate (so ties go to the first), and never at a distance of len(name)
// or more. No suggestion is made for names longer than 40 characters or for
// more than 750 candidates.
//
// Differences from CPython 3.11 (the oracle that recorded the goldens),
// followed here as 3.12 does: 3.11 computed this in C over UTF-8 bytes,
// searched locals, globals and builtins as three separate lists, and did not
// cap the distance at len(name); 3.12 works on code points over one list.
//
// How the interpreter uses it:
//
//	AttributeError: Suggest(attr, dir(obj)) where dir is sorted, then
//	    msg += AttributeSuffix(suggestion, ok).
//	NameError: if the frame has a local "self" and self has the attribute,
//	    the suggestion is "self."+name; otherwise Suggest(name, locals then
//	    globals then builtins, each in insertion order; see ModuleGlobals and
//	    Builtins for CPython's order). msg += NameSuffix(name, suggestion, ok).
package suggest

import "unicode"

const (
	maxCandidates = 750
	maxStringSize = 40
	moveCost      = 2
	caseCost      = 1
)

// Suggest returns the candidate CPython 3.12 would offer for the unknown
// name, or false when it offers none.
func Suggest(name string, candidates []string) (string, bool) {
	if len(candidates) > maxCandidates {
		return "", false
	}
	wrong := []rune(name)
	if len(wrong) > maxStringSize {
		return "", false
	}
	best := len(wrong)
	suggestion, found := "", false
	for _, c := range candidates {
		if c == name {
			continue
		}
		cand := []rune(c)
		maxDist := (len(cand) + len(wrong) + 3) * moveCost / 6
		maxDist = min(maxDist, best-1)
		d := distance(wrong, cand, maxDist)
		if d > maxDist {
			continue
		}
		// CPython tests "not suggestion", so an empty-string candidate
		// found earlier can be replaced by an equally close one.
		if !found || suggestion == "" || d < best {
			suggestion, found, best = c, true, d
		}
	}
	return suggestion, found
}

// Distance is CPython's weighted Levenshtein distance between a and b,
// giving up (and returning maxCost+1) as soon as it must exceed maxCost.
func Distance(a, b string, maxCost int) int {
	return distance([]rune(a), []rune(b), maxCost)
}

func distance(a, b []rune, maxCost int) int {
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
	row := make([]int, len(a))
	for i := range row {
		row[i] = (i + 1) * moveCost
	}
	result := 0
	for j, bc := range b {
		dist := j * moveCost
		result = dist
		minimum := int(^uint(0) >> 1)
		for i, ac := range a {
			substitute := dist + substitutionCost(bc, ac)
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

// substitutionCost makes a change of case cheaper than any other change,
// as str.lower() comparison does in CPython.
func substitutionCost(a, b rune) int {
	if a == b {
		return 0
	}
	if unicode.ToLower(a) == unicode.ToLower(b) {
		return caseCost
	}
	return moveCost
}

// AttributeSuffix is what CPython appends to an AttributeError message.
func AttributeSuffix(suggestion string, ok bool) string {
	if !ok || suggestion == "" {
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
