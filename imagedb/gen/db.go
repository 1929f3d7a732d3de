package main

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/dockerfile-ls/dockerfile-ls/imagedb/internal/names"
)

// anyTag is the tag of an entry that stands for every tag of its
// repository (Windows base images, UBI: the facts do not depend on it).
const anyTag = "*"

// db holds every entry by repository and resolves references between them
// (a Dockerfile's FROM) while they are being built.
type db struct {
	repos   map[string]*repoData
	aliases map[string]string // another name → canonical repository
	warn    func(format string, args ...any)
}

type repoData struct {
	name    string
	entries []*entry
	words   map[string]bool // version words (node's "lts"), see deriveWords
	extra   []string        // version words the listing does not show
}

func newDB(warn func(string, ...any)) *db {
	return &db{repos: map[string]*repoData{}, aliases: map[string]string{}, warn: warn}
}

func (d *db) add(e *entry) {
	r := d.repos[e.repo]
	if r == nil {
		r = &repoData{name: e.repo}
		d.repos[e.repo] = r
	}
	e.order = len(r.entries)
	r.entries = append(r.entries, e)
	r.words = nil
}

func (d *db) alias(from, to string) { d.aliases[from] = to }

// repo returns the repository a reference names, after normalisation and aliases.
func (d *db) repo(ref string) (r *repoData, tag string, err error) {
	name, tag, _, ok := names.Split(ref)
	if !ok {
		return nil, "", fmt.Errorf("invalid reference %q", ref)
	}
	if to, ok := d.aliases[name]; ok {
		name = to
	}
	r = d.repos[name]
	if r == nil {
		return nil, "", fmt.Errorf("unknown image %s", name)
	}
	if tag == "" {
		tag = "latest"
	}
	return r, tag, nil
}

// resolve returns the facts of the image ref names, building its entry
// first. A tag matched by its pattern rather than published gives the
// pattern's facts: no release (python:3.8-alpine is not Alpine 3.24).
func (d *db) resolve(ref string) (*facts, error) {
	r, tag, err := d.repo(ref)
	if err != nil {
		return nil, err
	}
	e := r.exact(tag)
	if i := strings.LastIndexByte(tag, '-'); e == nil && i > 0 && names.IsArch(tag[i+1:]) {
		e = r.exact(tag[:i]) // "ltsc2022-amd64" is "ltsc2022" for amd64
	}
	if e != nil {
		return d.build(e)
	}
	cands := r.byKey(r.key(tag))
	if len(cands) == 0 {
		cands = r.byKey(anyTag)
	}
	if len(cands) == 0 {
		return nil, fmt.Errorf("unknown tag %s:%s", r.name, tag)
	}
	f, err := d.build(cands[0])
	if err != nil {
		return nil, err
	}
	f = f.clone()
	f.Release = ""
	return f, nil
}

// build evaluates an entry once.
func (d *db) build(e *entry) (*facts, error) {
	if e.resolved != nil || e.err != nil {
		return e.resolved, e.err
	}
	if e.busy {
		return nil, fmt.Errorf("cycle through %s:%s", e.repo, e.tags[0])
	}
	e.busy = true
	defer func() { e.busy = false }()
	var f *facts
	var err error
	switch {
	case e.seed != nil:
		f = e.seed
	case e.dockerfile != nil:
		f, err = d.evalDockerfile(e.dockerfile)
	case e.build != nil:
		f, err = e.build(d)
	default:
		err = fmt.Errorf("entry has no source")
	}
	if err != nil {
		e.err = fmt.Errorf("%s:%s: %v", e.repo, e.tags[0], err)
		return nil, e.err
	}
	e.resolved = f
	return f, nil
}

// exact returns the entry publishing tag, preferring Linux over Windows
// (a shared tag such as python:3.14 names both; a Linux build pulls Linux).
func (r *repoData) exact(tag string) *entry {
	var found *entry
	for _, e := range r.entries {
		if slices.Contains(e.tags, tag) {
			if !e.windows() {
				return e
			}
			if found == nil {
				found = e
			}
		}
	}
	return found
}

func (e *entry) windows() bool {
	if e.dockerfile != nil && e.dockerfile.osHint != "" {
		return e.dockerfile.osHint == "windows"
	}
	if e.seed != nil {
		return e.seed.OS == "windows"
	}
	return e.resolved != nil && e.resolved.OS == "windows"
}

// key is the tag's pattern with this repository's version words.
func (r *repoData) key(tag string) string {
	if r.words == nil {
		r.words = deriveWords(r)
	}
	return string(names.Key(nil, tag, func(w string) bool { return r.words[w] }))
}

// byKey returns the entries with a tag of that pattern, best first: Linux
// before Windows, then entries that also publish a tag without a version
// (the current release: python's "slim-trixie" is on 3.14, not on 3.15-rc),
// then listing order.
func (r *repoData) byKey(key string) []*entry {
	var out []*entry
	for _, e := range r.entries {
		for _, t := range e.tags {
			if r.key(t) == key {
				out = append(out, e)
				break
			}
		}
	}
	rank := func(e *entry) int {
		n := 0
		if e.windows() {
			n += 2
		}
		if !r.hasUnversioned(e) {
			n++
		}
		return n
	}
	sort.SliceStable(out, func(i, j int) bool {
		ri, rj := rank(out[i]), rank(out[j])
		if ri != rj {
			return ri < rj
		}
		return out[i].order < out[j].order
	})
	return out
}

func (r *repoData) hasUnversioned(e *entry) bool {
	for _, t := range e.tags {
		if !strings.HasPrefix(r.key(t), names.Version) {
			return true
		}
	}
	return false
}

// deriveWords finds the words a repository uses in place of a version: in
// one entry, a word-led tag and a number-led tag with the same rest
// ("krypton-alpine" and "24-alpine", "mainline-perl" and "1.29-perl"), or a
// word-led tag beside its rest alone ("lts-slim" and "slim").
func deriveWords(r *repoData) map[string]bool {
	words := map[string]bool{}
	for _, w := range r.extra {
		words[w] = true
	}
	numeric := regexp.MustCompile(`^v?[0-9]`)
	for _, e := range r.entries {
		rests := map[string]bool{}
		for _, t := range e.tags {
			first, rest, _ := strings.Cut(t, "-")
			if numeric.MatchString(first) {
				rests[rest] = true
			}
		}
		for _, t := range e.tags {
			first, rest, _ := strings.Cut(t, "-")
			if numeric.MatchString(first) || !isWordToken(first) {
				continue
			}
			if rests[rest] || (rest != "" && slices.Contains(e.tags, rest)) {
				words[first] = true
			}
		}
	}
	return words
}

func isWordToken(s string) bool {
	if s == "" || s == "latest" || names.IsDebian(s) || names.IsUbuntu(s) {
		return false
	}
	for _, c := range s {
		if c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

// variesPattern names variables whose value is a version, a checksum, a key
// or a URL holding them: they change with every release even when the
// current entries agree.
var variesPattern = regexp.MustCompile(`(_VERSION|_SHA(1|256|512)?|_SHA(256|512)SUM|_MD5|_URL|_ASC_URL|_GPG_KEYS?|_KEYS?|_RELEASE|_COMMIT|_DOWNLOAD_URL|_BUILD)$|^GPG_KEYS?$|^VERSION$`)

// markVaries sets Varies on each variable whose value differs between
// entries for one OS that share a tag pattern (python 3.12 and 3.13 under
// {v}-slim-{debian}: PYTHON_VERSION), or whose name says it is a version.
// Entries of different variants (distroless :latest and :debug) are not
// compared: their PATHs differ, but not from one release to the next.
func (r *repoData) markVaries() {
	groups := map[string][]*entry{}
	for _, e := range r.entries {
		if e.resolved == nil {
			continue
		}
		seen := map[string]bool{}
		for _, t := range e.tags {
			if k := e.resolved.OS + " " + r.key(t); !seen[k] {
				seen[k] = true
				groups[k] = append(groups[k], e)
			}
		}
	}
	varies := map[*entry]map[string]bool{}
	for _, g := range groups {
		values := map[string]map[string]bool{}
		for _, e := range g {
			for _, v := range e.resolved.Env {
				if values[v.Name] == nil {
					values[v.Name] = map[string]bool{}
				}
				values[v.Name][v.Value] = true
			}
		}
		for _, e := range g {
			for _, v := range e.resolved.Env {
				if len(values[v.Name]) > 1 {
					if varies[e] == nil {
						varies[e] = map[string]bool{}
					}
					varies[e][v.Name] = true
				}
			}
		}
	}
	for _, e := range r.entries {
		if e.resolved == nil {
			continue
		}
		for i, v := range e.resolved.Env {
			if varies[e][v.Name] || variesPattern.MatchString(v.Name) {
				e.resolved.Env[i].Varies = true
			}
		}
	}
}
