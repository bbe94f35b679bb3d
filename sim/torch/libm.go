package torch

import (
	"math"
	"math/big"
)

// CPython's math.cos is the C library's, correctly rounded on the machines
// the course targets; Go's math.Cos is sometimes one ulp away, which shows
// in the 17th digit of a learning rate CosineAnnealingLR prints. crCos
// computes cos in 192-bit arithmetic and rounds once.

const bigPrec = 192

var bigTwoPi = func() *big.Float {
	pi, _, _ := big.ParseFloat("3.14159265358979323846264338327950288419716939937510582097494459230781640628620899862803482534211706798214808651328230664709384460955058223172535940812848111745028410270193852110555964462294895493038196", 10, bigPrec, big.ToNearestEven)
	return new(big.Float).SetPrec(bigPrec).Mul(pi, big.NewFloat(2))
}()

func crCos(x float64) float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return math.NaN()
	}
	if math.Abs(x) > 1e6 {
		return math.Cos(x)
	}
	r := new(big.Float).SetPrec(bigPrec).SetFloat64(x)
	// r -= round(r / 2pi) * 2pi
	q := new(big.Float).SetPrec(bigPrec).Quo(r, bigTwoPi)
	qf, _ := q.Float64()
	n := new(big.Float).SetPrec(bigPrec).SetFloat64(math.Round(qf))
	r.Sub(r, n.Mul(n, bigTwoPi))
	r2 := new(big.Float).SetPrec(bigPrec).Mul(r, r)
	sum := new(big.Float).SetPrec(bigPrec).SetFloat64(1)
	term := new(big.Float).SetPrec(bigPrec).SetFloat64(1)
	eps := new(big.Float).SetPrec(bigPrec).SetMantExp(big.NewFloat(1), -bigPrec)
	for k := 1; k < 200; k++ {
		term.Mul(term, r2)
		term.Quo(term, big.NewFloat(float64((2*k-1)*(2*k))))
		term.Neg(term)
		sum.Add(sum, term)
		if new(big.Float).Abs(term).Cmp(eps) < 0 {
			break
		}
	}
	f, _ := sum.Float64()
	return f
}
