package analysis

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// maxTagItems bounds the tags offered at once.
const maxTagItems = 300

// completeTags offers the registry's tags of the image being written after
// "image:" in FROM; ok is false when the word is not an image with a tag
// being written (or the registry is off), so other completers run.
func (d *Document) completeTags(ins *Instruction, word string, wordStart, off int, live Live) (items []CompletionItem, ok bool) {
	colon := strings.LastIndexByte(word, ':')
	if live == nil || colon < 0 || strings.Contains(word[colon:], "/") || strings.ContainsAny(word, "$@") {
		return nil, false
	}
	repo := word[:colon]
	if repo == "" {
		return nil, false
	}
	// The tag already written runs on past the cursor; an item replaces all
	// of it, and its variants come first.
	tagStart, tagEnd := wordStart+colon+1, off
	for tagEnd < len(d.Text) && tagEnd < ins.Span.End && !strings.ContainsRune(" \t\r\n@", rune(d.Text[tagEnd])) {
		tagEnd++
	}
	tags, known := live.Tags(repo)
	if !known {
		return nil, true // asked; the answer comes with a later completion
	}
	current := d.Text[tagStart:tagEnd]
	replace := Span{tagStart, tagEnd}
	sorted := sortTags(tags, current)
	if len(sorted) > maxTagItems {
		sorted = sorted[:maxTagItems] // the likeliest; python has thousands
	}
	for i, tag := range sorted {
		items = append(items, CompletionItem{Label: tag, Kind: ItemValue, Replace: replace, Insert: tag,
			Detail: repo + ":" + tag, Sort: fmt.Sprintf("%05d", i)})
	}
	return items, true
}

// sortTags orders tags as people pick them: "latest" first, then the
// variants of the current tag (3.12-slim when writing 3.12: the same
// version with another suffix, and the same suffix with another version),
// then the rest; within each group, versions descending (3.12 before 3.9,
// 3.12.1 before 3.12), then by name.
func sortTags(tags []string, current string) []string {
	version, variant := splitTag(current)
	group := func(tag string) int {
		if tag == "latest" {
			return 0
		}
		v, s := splitTag(tag)
		if current != "" && tag != current && (v == version && version != "" || s == variant && variant != "" && v != "") {
			return 1
		}
		return 2
	}
	out := slices.Clone(tags)
	slices.SortStableFunc(out, func(a, b string) int {
		if c := cmp.Compare(group(a), group(b)); c != 0 {
			return c
		}
		va, sa := splitTag(a)
		vb, sb := splitTag(b)
		if c := compareVersions(vb, va); c != 0 { // descending
			return c
		}
		return cmp.Or(cmp.Compare(sa, sb), cmp.Compare(a, b))
	})
	return out
}

// splitTag splits "3.12.1-slim-bookworm" into its version "3.12.1" and its
// variant "slim-bookworm"; a tag that does not start with a digit (or "v"
// and a digit) has no version.
func splitTag(tag string) (version, variant string) {
	t := strings.TrimPrefix(tag, "v")
	if t == "" || t[0] < '0' || t[0] > '9' {
		return "", tag
	}
	end := strings.IndexByte(t, '-')
	if end < 0 {
		return t, ""
	}
	return t[:end], t[end+1:]
}

// compareVersions compares dotted versions number by number; a version is
// greater than its own prefix (3.12.1 > 3.12) and any version is greater
// than none.
func compareVersions(a, b string) int {
	if a == "" || b == "" {
		return cmp.Compare(len(a), len(b))
	}
	pa, pb := strings.Split(a, "."), strings.Split(b, ".")
	for i := 0; i < len(pa) && i < len(pb); i++ {
		na, ea := strconv.Atoi(pa[i])
		nb, eb := strconv.Atoi(pb[i])
		if ea == nil && eb == nil {
			if c := cmp.Compare(na, nb); c != 0 {
				return c
			}
		} else if c := cmp.Compare(pa[i], pb[i]); c != 0 {
			return c
		}
	}
	return cmp.Compare(len(pa), len(pb))
}
