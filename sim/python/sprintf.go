package python

import "fmt"

func sprintf(format string, args ...any) string { return fmt.Sprintf(format, args...) }

func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}
