package quiz

import (
	"strings"
	"testing"
)

func optionIDs(opts []Option) string {
	var ids []string
	for _, o := range opts {
		ids = append(ids, o.ID)
	}
	return strings.Join(ids, "")
}

func TestOrder(t *testing.T) {
	src := strings.Replace(valid, "- [ ] Both of the above {pin}",
		"- [ ] d\n- [ ] e\n- [ ] f\n- [ ] Both of the above {pin}\n- [ ] g", 1)
	q := mustLoad(t, src, validRunner)
	qu := q.Question("pick-one")
	if got := optionIDs(qu.Order("")); got != "abcdefg" {
		t.Errorf("no learner: order %s, want the author's", got)
	}
	orders := map[string]bool{}
	for _, learner := range []string{"ann", "bob", "cy", "di", "ed", "flo"} {
		first := qu.Order(learner)
		if again := optionIDs(qu.Order(learner)); again != optionIDs(first) {
			t.Errorf("learner %s: order %s then %s; want the same on every visit", learner, optionIDs(first), again)
		}
		if first[5].ID != "f" || !first[5].Pinned {
			t.Errorf("learner %s: order %s moved the pinned option f", learner, optionIDs(first))
		}
		orders[optionIDs(first)] = true
	}
	if len(orders) < 3 {
		t.Errorf("six learners got only %d different orders: %v", len(orders), orders)
	}
	line := q.Question("which-line")
	if got := optionIDs(line.Order("ann")); got != "13" {
		t.Errorf("the lines of a line question keep their order: %s", got)
	}
}
