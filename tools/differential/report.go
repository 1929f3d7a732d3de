package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
)

// report is the run's result: differences grouped by class, unexplained
// ones (the fix list) apart from those the known list explains.
type report struct {
	Incumbent    string         `json:"incumbent"`
	Corpus       string         `json:"corpus"`
	Files        int            `json:"files"`
	Tokens       int            `json:"tokens"`
	Completions  int            `json:"completionPoints"`
	Seconds      float64        `json:"seconds"`
	OurSeconds   float64        `json:"ourSeconds"`   // summed time our server took to answer
	TheirSeconds float64        `json:"theirSeconds"` // the incumbent's
	Requests     int            `json:"requestsPerServer"`
	Unexplained  []classSummary `json:"unexplained"`
	Explained    []classSummary `json:"explained"`
	Findings     []finding      `json:"findings"`
	// Diagnostics keeps both servers' diagnostics per file, so -rejudge
	// can pair them again under a revised fault mapping.
	Diagnostics map[string]fileDiagnostics `json:"diagnostics"`
}

type fileDiagnostics struct {
	Ours   []diagnostic `json:"ours"`
	Theirs []diagnostic `json:"theirs"`
}

// add sums another report's counters into r.
func (r *report) add(o *report) {
	r.Files += o.Files
	r.Tokens += o.Tokens
	r.Completions += o.Completions
	r.Requests += o.Requests
	r.OurSeconds += o.OurSeconds
	r.TheirSeconds += o.TheirSeconds
	for f, d := range o.Diagnostics {
		if r.Diagnostics == nil {
			r.Diagnostics = map[string]fileDiagnostics{}
		}
		r.Diagnostics[f] = d
	}
}

// sortFindings orders findings by file, position and class, so reports of
// two runs diff cleanly.
func sortFindings(fs []finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Col != b.Col {
			return a.Col < b.Col
		}
		return a.Class < b.Class
	})
}

// classSummary is one class (or, in Explained, one known id) of findings.
type classSummary struct {
	Class    string     `json:"class"`
	Known    string     `json:"known,omitempty"`
	Reason   string     `json:"reason,omitempty"`
	Count    int        `json:"count"`
	Distinct int        `json:"distinct"` // distinct entities
	Files    int        `json:"files"`
	Keys     []keyCount `json:"keys"`
	Diffs    []keyCount `json:"diffs,omitempty"` // set answers: what the differing ranges point at
	Examples []finding  `json:"examples"`
}

type keyCount struct {
	Key   string `json:"key"`
	Count int    `json:"count"`
}

// summarizeFindings groups findings by group(f), most frequent first, with
// up to examples examples each taken from as many keys and files as
// possible.
func summarizeFindings(fs []finding, group func(*finding) string, examples int) []classSummary {
	by := map[string][]*finding{}
	for i := range fs {
		g := group(&fs[i])
		by[g] = append(by[g], &fs[i])
	}
	var out []classSummary
	for g, list := range by {
		s := classSummary{Class: list[0].Class, Known: list[0].Known, Count: len(list)}
		if s.Known == "" {
			s.Class = g
		}
		ents, files, keys, diffs := map[string]bool{}, map[string]bool{}, map[string]int{}, map[string]int{}
		for _, f := range list {
			ents[f.Entity] = true
			files[f.File] = true
			keys[f.Key]++
			if f.OnlyOurs != "" || f.OnlyTheirs != "" {
				diffs["only ours: ["+f.OnlyOurs+"] only theirs: ["+f.OnlyTheirs+"]"]++
			}
		}
		s.Diffs = topKeys(diffs, 8)
		s.Distinct, s.Files = len(ents), len(files)
		s.Keys = topKeys(keys, 12)
		s.Examples = pickExamples(list, s.Keys, examples)
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Class+out[i].Known < out[j].Class+out[j].Known
	})
	return out
}

// topKeys is the n most frequent keys, most frequent first.
func topKeys(counts map[string]int, n int) []keyCount {
	var out []keyCount
	for k, c := range counts {
		out = append(out, keyCount{k, c})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Key < out[j].Key
	})
	if len(out) > n {
		out = out[:n]
	}
	return out
}

// pickExamples takes one example per top key, round-robin, preferring a
// file not yet shown.
func pickExamples(list []*finding, keys []keyCount, n int) []finding {
	var out []finding
	seenFile, seenEnt := map[string]bool{}, map[string]bool{}
	for pass := 0; pass < 2 && len(out) < n; pass++ {
		for _, k := range keys {
			for _, f := range list {
				if len(out) >= n {
					return out
				}
				if f.Key != k.Key || seenEnt[f.Entity] || (pass == 0 && seenFile[f.File]) {
					continue
				}
				seenFile[f.File], seenEnt[f.Entity] = true, true
				out = append(out, *f)
				break
			}
		}
	}
	return out
}

// buildReport splits findings into unexplained and explained summaries.
func buildReport(r *report, fs []finding, ks []*knownDiff, examples int) {
	var unexplained, explained []finding
	for _, f := range fs {
		if f.Known == "" {
			unexplained = append(unexplained, f)
		} else {
			explained = append(explained, f)
		}
	}
	r.Unexplained = summarizeFindings(unexplained, func(f *finding) string { return f.Class }, examples)
	r.Explained = summarizeFindings(explained, func(f *finding) string { return f.Known }, 2)
	reasons := map[string]string{}
	for _, k := range ks {
		reasons[k.ID] = k.Reason
	}
	for i := range r.Explained {
		r.Explained[i].Reason = reasons[r.Explained[i].Known]
	}
	r.Findings = fs
}

func writeText(w io.Writer, r *report) {
	total := 0
	for _, s := range r.Unexplained {
		total += s.Count
	}
	fmt.Fprintf(w, "differential: dockerfile-ls vs %s over %d files of %s, %d token starts, %d completion points, %d requests per server, %.0fs (answering: ours %.0fs, incumbent %.0fs)\n\n",
		r.Incumbent, r.Files, r.Corpus, r.Tokens, r.Completions, r.Requests, r.Seconds, r.OurSeconds, r.TheirSeconds)
	fmt.Fprintf(w, "UNEXPLAINED (%d findings)\n", total)
	fmt.Fprintf(w, "%-28s %7s %8s %5s\n", "class", "count", "distinct", "files")
	for _, s := range r.Unexplained {
		fmt.Fprintf(w, "%-28s %7d %8d %5d\n", s.Class, s.Count, s.Distinct, s.Files)
	}
	for _, s := range r.Unexplained {
		fmt.Fprintf(w, "\n== %s: %d (%d distinct, %d files)\n   by key:", s.Class, s.Count, s.Distinct, s.Files)
		for _, k := range s.Keys {
			fmt.Fprintf(w, " %s=%d;", k.Key, k.Count)
		}
		fmt.Fprintln(w)
		for _, d := range s.Diffs {
			fmt.Fprintf(w, "   %5d  %s\n", d.Count, d.Key)
		}
		for _, e := range s.Examples {
			writeExample(w, e)
		}
	}
	fmt.Fprintf(w, "\nEXPLAINED (known differences)\n")
	for _, s := range r.Explained {
		fmt.Fprintf(w, "%-40s %-24s %7d  %s\n", s.Known, s.Class, s.Count, firstSentence(s.Reason))
	}
}

func writeExample(w io.Writer, e finding) {
	fmt.Fprintf(w, "   %s:%d:%d", e.File, e.Line, e.Col)
	if e.Token != "" {
		fmt.Fprintf(w, " %q (%s)", e.Token, e.Kind)
	}
	fmt.Fprintf(w, "\n      line:   %s\n      ours:   %s\n      theirs: %s\n",
		clip(strings.TrimSpace(e.LineText), 120), clip(jsonText(e.Ours), 300), clip(jsonText(e.Theirs), 300))
	if e.OnlyOurs != "" || e.OnlyTheirs != "" {
		fmt.Fprintf(w, "      only ours: [%s] only theirs: [%s]\n", e.OnlyOurs, e.OnlyTheirs)
	}
}

func clip(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

func firstSentence(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if i := strings.Index(s, ". "); i >= 0 {
		s = s[:i+1]
	}
	return clip(s, 100)
}

func writeJSON(path string, r *report) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(f)
	enc.SetIndent("", " ")
	if err := enc.Encode(r); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
