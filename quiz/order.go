package quiz

import (
	"crypto/sha256"
	"encoding/binary"
	"math/rand/v2"
)

// Order returns the question's options shuffled for one learner: the same
// learner gets the same order on every visit, different learners get
// different orders, and pinned options stay where the author put them. An
// empty learner gets the author's order.
func (qu *Question) Order(learner string) []Option {
	opts := make([]Option, len(qu.Options))
	copy(opts, qu.Options)
	if learner == "" {
		return opts
	}
	var free []int
	for i, o := range opts {
		if !o.Pinned {
			free = append(free, i)
		}
	}
	sum := sha256.Sum256([]byte(learner + "\x00" + qu.quizID + "\x00" + qu.ID))
	rng := rand.New(rand.NewPCG(binary.LittleEndian.Uint64(sum[:8]), binary.LittleEndian.Uint64(sum[8:16])))
	rng.Shuffle(len(free), func(i, j int) {
		opts[free[i]], opts[free[j]] = opts[free[j]], opts[free[i]]
	})
	return opts
}
