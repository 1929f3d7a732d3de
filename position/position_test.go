package position

import (
	"math/rand"
	"slices"
	"strings"
	"testing"
)

func TestMapperLines(t *testing.T) {
	for _, tc := range []struct {
		text   string
		starts []int
		ends   []int
	}{
		{"", []int{0}, []int{0}},
		{"FROM alpine\rRUN echo hi\n", []int{0, 12, 24}, []int{11, 23, 24}},
		{"a\r\nb", []int{0, 3}, []int{1, 4}},
		{"\r\r\n\n", []int{0, 1, 3, 4}, []int{0, 1, 3, 4}},
		{"a\r", []int{0, 2}, []int{1, 2}},
		{"\n\r", []int{0, 1, 2}, []int{0, 1, 2}},
	} {
		m := NewMapper(tc.text)
		var starts, ends []int
		for l := range m.Count() {
			starts = append(starts, m.LineStart(l))
			ends = append(ends, m.LineEnd(l))
		}
		if !slices.Equal(starts, tc.starts) || !slices.Equal(ends, tc.ends) {
			t.Errorf("%q: starts %v ends %v, want %v %v", tc.text, starts, ends, tc.starts, tc.ends)
		}
	}
}

func TestMapperConversions(t *testing.T) {
	m := NewMapper("FROM alpine\rRUN 🐳é\r\nx")
	for _, tc := range []struct {
		pos  Pos
		enc  Encoding
		want int
	}{
		{Pos{1, 0}, UTF16, 12},
		{Pos{1, 4}, UTF16, 16},
		{Pos{1, 5}, UTF16, 16}, // inside the surrogate pair: the character's start
		{Pos{1, 6}, UTF16, 20},
		{Pos{1, 7}, UTF16, 22},
		{Pos{1, 99}, UTF16, 22}, // past the line: its end, before "\r\n"
		{Pos{1, 5}, UTF32, 20},
		{Pos{1, 6}, UTF8, 16}, // inside the UTF-8 sequence
		{Pos{2, 1}, UTF8, 25},
		{Pos{9, 0}, UTF8, 25},
	} {
		if got := m.Offset(tc.pos, tc.enc); got != tc.want {
			t.Errorf("Offset(%v, %v) = %d, want %d", tc.pos, tc.enc, got, tc.want)
		}
	}
	for _, tc := range []struct {
		off  int
		enc  Encoding
		want Pos
	}{
		{11, UTF16, Pos{0, 11}},
		{12, UTF16, Pos{1, 0}},
		{20, UTF16, Pos{1, 6}},
		{20, UTF32, Pos{1, 5}},
		{18, UTF8, Pos{1, 4}},  // inside 🐳: its start
		{23, UTF16, Pos{1, 7}}, // between '\r' and '\n': the line's end
		{99, UTF16, Pos{2, 1}},
		{-1, UTF16, Pos{0, 0}},
	} {
		if got := m.Position(tc.off, tc.enc); got != tc.want {
			t.Errorf("Position(%d, %v) = %v, want %v", tc.off, tc.enc, got, tc.want)
		}
	}
}

// TestSpliceMatchesNewMapper: updating the line table after an edit gives
// the table of the new text, whatever the edit does to "\r", "\n" and "\r\n".
func TestSpliceMatchesNewMapper(t *testing.T) {
	pieces := []string{"\r", "\n", "\r\n", "a", "RUN x", "é", "🐳", ""}
	rng := rand.New(rand.NewSource(1))
	for range 200 {
		text := ""
		for range rng.Intn(12) {
			text += pieces[rng.Intn(len(pieces))]
		}
		m := NewMapper(text)
		for range 30 {
			a, b := rng.Intn(len(m.text)+1), rng.Intn(len(m.text)+1)
			if a > b {
				a, b = b, a
			}
			ins := ""
			for range rng.Intn(3) {
				ins += pieces[rng.Intn(len(pieces))]
			}
			next := m.Splice(a, b, ins)
			want := NewMapper(m.text[:a] + ins + m.text[b:])
			if next.text != want.text || !slices.Equal(next.starts, want.starts) {
				t.Fatalf("Splice(%q, %d, %d, %q): starts %v, want %v", m.text, a, b, ins, next.starts, want.starts)
			}
			m = next
		}
	}
}

func TestLinesFollowBuildKit(t *testing.T) {
	l := NewLines("FROM alpine\rRUN echo hi\r\nCMD x")
	if l.Count() != 2 || l.Line(0) != "FROM alpine\rRUN echo hi" || l.Line(1) != "CMD x" {
		t.Fatalf("lines: %d %q %q", l.Count(), l.Line(0), l.Line(1))
	}
	if FromBuildKit(2) != 1 {
		t.Fatal("BuildKit's line 2 is our line 1")
	}
}

func TestUnits(t *testing.T) {
	s := "a🐳é\xff"
	if got := []int{Units(s, UTF8), Units(s, UTF16), Units(s, UTF32)}; !slices.Equal(got, []int{8, 5, 4}) {
		t.Fatalf("Units = %v", got)
	}
}

func TestSegments(t *testing.T) {
	m := NewMapper("ab\rcd\r\nef\ngh")
	var got [][2]int
	for s, e := range m.Segments(1, 11) {
		got = append(got, [2]int{s, e})
	}
	want := [][2]int{{1, 2}, {3, 5}, {7, 9}, {10, 11}}
	if !slices.Equal(got, want) {
		t.Fatalf("Segments = %v, want %v", got, want)
	}
	for s, e := range m.Segments(5, 7) { // only "\r\n"
		t.Fatalf("a terminator has no segment: %d-%d", s, e)
	}
}

func BenchmarkNewMapper(b *testing.B) {
	text := strings.Repeat("RUN echo 'a line of a generated Dockerfile' && true \\\n", 200000)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		NewMapper(text)
	}
}

func BenchmarkSplice(b *testing.B) {
	m := NewMapper(strings.Repeat("RUN echo 'a line of a generated Dockerfile' && true \\\n", 200000))
	mid := len(m.text) / 2
	for b.Loop() {
		m.Splice(mid, mid+1, "x")
	}
}
