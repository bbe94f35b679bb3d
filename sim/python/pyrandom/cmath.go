package pyrandom

// The distributions need the C library's elementary functions as CPython
// sees them, and so do the interpreter's math module and float ** (Go's
// math package disagrees with glibc in the last digit for 5% to 60% of
// inputs, depending on the function). They are exported here until they
// have a package of their own.

// Exp is C's exp(x) as CPython 3.12 on glibc computes it.
func Exp(x float64) float64 { return clibExp(x) }

// Log is C's log(x).
func Log(x float64) float64 { return clibLog(x) }

// Pow is C's pow(x, y), with C99's special cases.
func Pow(x, y float64) float64 { return clibPow(x, y) }

// Sin is C's sin(x).
func Sin(x float64) float64 { s, _ := clibSinCos(x); return s }

// Cos is C's cos(x).
func Cos(x float64) float64 { _, c := clibSinCos(x); return c }

// FloatPow is Python's float ** float for real results (float_pow):
// CPython's own special cases, ZeroDivisionError for 0.0 to a negative
// power, OverflowError "(34, 'Numerical result out of range')" when the
// result is infinite. A negative base with a fractional exponent, which
// Python turns into a complex number, returns a ValueError here; the
// interpreter must handle that case before calling.
func FloatPow(v, w float64) (float64, error) { return floatPow(v, w) }
