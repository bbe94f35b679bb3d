package pyrandom

import (
	"math/big"
	"testing"
)

func BenchmarkRandom(b *testing.B) {
	r := New()
	for i := 0; i < b.N; i++ {
		r.Random()
	}
}

func BenchmarkRandInt(b *testing.B) {
	r := New()
	lo, hi := big.NewInt(1), big.NewInt(6)
	for i := 0; i < b.N; i++ {
		r.RandInt(lo, hi)
	}
}

func BenchmarkShuffle100(b *testing.B) {
	r := New()
	x := make([]int, 100)
	for i := 0; i < b.N; i++ {
		r.Shuffle(len(x), func(i, j int) { x[i], x[j] = x[j], x[i] })
	}
}

func BenchmarkGauss(b *testing.B) {
	r := New()
	for i := 0; i < b.N; i++ {
		r.Gauss(0, 1)
	}
}
