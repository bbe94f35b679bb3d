package pth

import (
	"reflect"
	"testing"
)

// The memo numbers its entries as CPython's does wherever a pickle puts
// them: MEMOIZE sets the index len(memo), after gaps, overwrites, indexes
// past the memo's first array and ones past its dense part alike; a gap
// is not found. The results are CPython 3.11's pickle.loads.
func TestMemoIndexesFollowCPython(t *testing.T) {
	cases := []struct {
		name    string
		pkl     string
		want    Value
		wantErr string
	}{
		{"gap then MEMOIZE", "\x80\x04K\x01q\x05K\x02\x94h\x01h\x05\x86.", Tuple{Int(2), Int(1)}, ""},
		{"overwrite then MEMOIZE", "\x80\x04K\x01q\x00K\x02q\x00K\x03\x94h\x00h\x01\x86.", Tuple{Int(2), Int(3)}, ""},
		{"fill a gap then MEMOIZE", "\x80\x04K\x01q\x02K\x02q\x00K\x03\x94h\x02h\x00\x86.", Tuple{Int(3), Int(2)}, ""},
		{"past the first array", "\x80\x04K\x01q\x50K\x02q\x00K\x03\x94h\x50h\x02\x86.", Tuple{Int(1), Int(3)}, ""},
		{"sparse then MEMOIZE", "\x80\x04K\x01r\x00\x00\x01\x00K\x02\x94j\x00\x00\x01\x00h\x01\x86.", Tuple{Int(1), Int(2)}, ""},
		{"a gap is not found", "\x80\x04K\x01q\x05h\x02.", nil, "Memo value not found at index 2"},
	}
	for _, c := range cases {
		_, got, err := unpickleForTest([]byte(c.pkl), false, DefaultMaxDepth)
		if c.wantErr != "" {
			if err == nil || err.Error() != c.wantErr {
				t.Errorf("%s: got %#v, %v; want error %q", c.name, got, err, c.wantErr)
			}
			continue
		}
		if err != nil || !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: got %#v, %v; want %#v", c.name, got, err, c.want)
		}
	}
}
