package marker

import (
	"fmt"
	"testing"
)

func TestParseNotes(t *testing.T) {
	for _, tc := range []struct {
		src, want string
	}{
		{`hover("FROM", fromdoc)`, `[hover(["FROM" "@fromdoc"])]`},
		{`diag("a", "R"), fix("a", "t\"q", "x\ny")`, `[diag(["a" "R"]) fix(["a" "t\"q" "x\ny"])]`},
		{`tokens(@all), ignoreExtraDiags()`, `[tokens(["@all"]) ignoreExtraDiags([])]`},
		{`complete("--from=|", "a", "!b")`, `[complete(["--from=|" "a" "!b"])]`},
	} {
		ns, err := parseNotes(tc.src, 3)
		if err != nil {
			t.Errorf("%s: %v", tc.src, err)
			continue
		}
		var got []string
		for _, n := range ns {
			if n.Line != 3 {
				t.Errorf("%s: line %d", tc.src, n.Line)
			}
			got = append(got, fmt.Sprintf("%s(%q)", n.Name, n.Args))
		}
		if s := fmt.Sprint(got); s != tc.want {
			t.Errorf("parseNotes(%s) = %s, want %s", tc.src, s, tc.want)
		}
	}
	for _, bad := range []string{`hover("FROM"`, `hover("FROM)`, `nothing`, `x("\q")`} {
		if _, err := parseNotes(bad, 0); err == nil {
			t.Errorf("parseNotes(%s) accepted it", bad)
		}
	}
}

func TestLocate(t *testing.T) {
	doc := "FROM a AS b\nCOPY --from=b x y\n"
	cur, start, end, err := locate(doc, 1, "--from=|b")
	if err != nil || start != 17 || end != 25 || cur != 24 {
		t.Errorf("locate = %d %d %d %v, want 24 17 25", cur, start, end, err)
	}
	if _, _, _, err := locate(doc, 0, "nope"); err == nil {
		t.Error("a missing pattern was found")
	}
	if _, _, _, err := locate(doc, -1, "FROM"); err == nil {
		t.Error("a note before the first line was located")
	}
	if s, e, err := locateSpec(doc, "b@2"); err != nil || doc[s:e] != "b" || s != 24 {
		t.Errorf("locateSpec(b@2) = %d %d %v", s, e, err)
	}
	if s, e, err := locateSpec(doc, " [x] y@2"); err != nil || doc[s:e] != "x" || s != 26 {
		t.Errorf("locateSpec( [x] y@2) = %d %d %v", s, e, err)
	}
}
