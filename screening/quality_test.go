package screening_test

import (
	"bufio"
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/idconnect/idconnect/screening"
)

// labelledPair is one line of testdata/names.tsv.
type labelledPair struct {
	line          int
	match         bool
	kind          string
	query, listed screening.NameFacts
}

func readLabelledPairs(t *testing.T) []labelledPair {
	t.Helper()
	f, err := os.Open("testdata/names.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var pairs []labelledPair
	header := false
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) != 8 {
			t.Fatalf("names.tsv:%d: %d columns, want 8", n, len(cols))
		}
		if !header {
			header = true // the first line that is not a comment names the columns
			continue
		}
		if cols[0] != "match" && cols[0] != "nomatch" {
			t.Fatalf("names.tsv:%d: label %q", n, cols[0])
		}
		pairs = append(pairs, labelledPair{
			line: n, match: cols[0] == "match", kind: cols[1],
			query:  screening.NameFacts{Name: cols[2], BirthDate: cols[3], Nationality: cols[4]},
			listed: screening.NameFacts{Name: cols[5], BirthDate: cols[6], Nationality: cols[7]},
		})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(pairs) < 300 {
		t.Fatalf("names.tsv holds %d pairs, want at least 300", len(pairs))
	}
	return pairs
}

// TestNameQuality measures NameScore ≥ DefaultThreshold as a classifier
// over the labelled pairs: precision (of the pairs it calls a match, how
// many are) and recall (of the matches, how many it calls).
func TestNameQuality(t *testing.T) {
	pairs := readLabelledPairs(t)
	type tally struct{ pairs, wrong int }
	byKind := map[string]*tally{}
	var tp, fp, fn int
	var wrong []string
	for _, p := range pairs {
		score, why := screening.NameScore(p.query, p.listed)
		hit := score >= screening.DefaultThreshold
		k := byKind[p.kind]
		if k == nil {
			k = &tally{}
			byKind[p.kind] = k
		}
		k.pairs++
		switch {
		case hit && p.match:
			tp++
		case hit && !p.match:
			fp++
		case !hit && p.match:
			fn++
		}
		if hit != p.match {
			k.wrong++
			label := "missed match"
			if hit {
				label = "false match"
			}
			wrong = append(wrong, fmt.Sprintf("line %d %s (%s): %q ~ %q: %.3f: %s",
				p.line, label, p.kind, p.query.Name, p.listed.Name, score, why))
		}
	}
	precision := float64(tp) / float64(tp+fp)
	recall := float64(tp) / float64(tp+fn)
	t.Logf("%d pairs: precision %.3f (%d of %d called matches), recall %.3f (%d of %d matches)",
		len(pairs), precision, tp, tp+fp, recall, tp, tp+fn)
	kinds := make([]string, 0, len(byKind))
	for k := range byKind {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	for _, k := range kinds {
		t.Logf("  %-15s %3d pairs, %2d misclassified", k, byKind[k].pairs, byKind[k].wrong)
	}
	if precision < 0.95 || recall < 0.90 || testing.Verbose() {
		for _, w := range wrong {
			t.Log(w)
		}
	}
	if precision < 0.95 {
		t.Errorf("precision %.3f, want at least 0.95", precision)
	}
	if recall < 0.90 {
		t.Errorf("recall %.3f, want at least 0.90", recall)
	}
}
