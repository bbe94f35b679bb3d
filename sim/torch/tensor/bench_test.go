package tensor

import "testing"

// BenchmarkTrainStep is one SGD step of a small linear model with an MSE
// loss (forward, backward, update): the inner loop of the course's
// training snippets.
func BenchmarkTrainStep(b *testing.B) {
	c := NewContext()
	x, _ := FromValues(c, Float32, []int{3, 2}, []float64{0.5, -1, 1.5, 2, -0.5, 0.25})
	y, _ := FromValues(c, Float32, []int{3, 1}, []float64{1, -1, 0.5})
	w, _ := FromValues(c, Float32, []int{1, 2}, []float64{-0.0053, 0.3793})
	bias, _ := FromValues(c, Float32, []int{1}, []float64{-0.5820})
	w.SetRequiresGrad(true)
	bias.SetRequiresGrad(true)
	var bw, bb *Tensor
	opt := SGDOptions{LR: 0.05, Momentum: 0.9}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		w.Grad, bias.Grad = nil, nil
		out, err := Linear(x, w, bias)
		if err != nil {
			b.Fatal(err)
		}
		loss, err := MseLoss(out, y, ReduceMean)
		if err != nil {
			b.Fatal(err)
		}
		if err := Backward(loss, nil, false); err != nil {
			b.Fatal(err)
		}
		if bw, err = SGDStep(w, w.Grad, bw, opt); err != nil {
			b.Fatal(err)
		}
		if bb, err = SGDStep(bias, bias.Grad, bb, opt); err != nil {
			b.Fatal(err)
		}
	}
}
