package pth

import (
	"reflect"
	"testing"
)

// The little-endian arguments after an opcode (ints, lengths, memo
// indexes) decode at every width, and a pickle cut anywhere inside one
// fails as CPython's does: pickle data was truncated.
func TestOpcodeArgumentsDecodeAndTruncate(t *testing.T) {
	cases := []struct {
		name string
		pkl  string // after PROTO 2, up to where the cut may fall
		rest string // what completes the pickle
		want Value
	}{
		{"BININT1", "K\xfe", ".", Int(254)},
		{"BININT2", "M\x01\x82", ".", Int(0x8201)},
		{"BININT", "J\xfe\xff\xff\xff", ".", Int(-2)},
		{"BINUNICODE", "X\x03\x00\x00\x00abc", ".", Str("abc")},
		{"SHORT_BINUNICODE", "\x8c\x02xy", ".", Str("xy")},
		{"BINUNICODE8", "\x8d\x01\x00\x00\x00\x00\x00\x00\x00z", ".", Str("z")},
		{"BINBYTES", "B\x02\x00\x00\x00\x01\x02", ".", Bytes{1, 2}},
		{"SHORT_BINBYTES", "C\x01\x07", ".", Bytes{7}},
		{"BINPUT and BINGET", "K\x05q\xc8h\xc8", "\x86.", Tuple{Int(5), Int(5)}},
		{"LONG_BINPUT and LONG_BINGET", "K\x06r\x04\x03\x02\x01j\x04\x03\x02\x01", "\x86.", Tuple{Int(6), Int(6)}},
		{"LONG_BINPUT and LONG_BINGET, dense", "K\x07r\x09\x00\x00\x00j\x09\x00\x00\x00", "\x86.", Tuple{Int(7), Int(7)}},
	}
	for _, c := range cases {
		full := "\x80\x02" + c.pkl + c.rest
		_, v, err := unpickleForTest([]byte(full), false, DefaultMaxDepth)
		if err != nil || !reflect.DeepEqual(v, c.want) {
			t.Errorf("%s: %q loads %#v, %v; want %#v", c.name, full, v, err, c.want)
		}
		for n := len("\x80\x02"); n < len("\x80\x02")+len(c.pkl); n++ {
			_, _, err := unpickleForTest([]byte(full[:n]), false, DefaultMaxDepth)
			if err == nil || err.Error() != "pickle data was truncated" {
				t.Errorf("%s cut to %q: %v, want pickle data was truncated", c.name, full[:n], err)
			}
		}
	}
}
