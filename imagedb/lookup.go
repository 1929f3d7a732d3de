package imagedb

import (
	"sort"

	"github.com/dockerfile-ls/dockerfile-ls/imagedb/internal/names"
)

// repo is one repository of the generated table.
type repo struct {
	name  string
	words []string // words used in place of a version (node's "lts")
	tags  []tagRef // published tags, sorted
	keys  []tagRef // tag patterns, sorted; "*" stands for any tag
}

type tagRef struct {
	tag string
	rec uint16
}

type alias struct{ from, to string }

const anyTag = "*"

// Lookup returns what the table knows of the image a FROM line names:
// "python", "python:3.12-slim", "docker.io/library/python:3.12",
// "mcr.microsoft.com/dotnet/aspnet:9.0@sha256:…". The reference must be
// expanded already (no ${VAR}). A tag that was published when the table was
// generated gives that image's facts (Exact); another tag gives the facts of
// the variant its shape names (python:3.8-slim-buster: Debian slim) when
// the table has that shape. A reference with a digest and no tag, an image
// the table does not have, or a tag of unknown shape gives false: no guess.
// Lookup does not allocate; the result is shared and must not be modified.
func Lookup(ref string) (*Image, bool) {
	name, tag, digest, ok := names.Split(ref)
	if !ok {
		return nil, false
	}
	if tag == "" {
		if digest != "" {
			return nil, false
		}
		tag = "latest"
	}
	r := findRepo(name)
	if r == nil {
		return nil, false
	}
	if i, ok := find(r.tags, tag); ok {
		return &records[i], true
	}
	var buf [128]byte
	key := names.Key(buf[:0], tag, r.isWord)
	if i, ok := find(r.keys, string(key)); ok {
		return &records[i], true
	}
	var buf2 [128]byte
	if mkey, ok := names.WithMajor(buf2[:0], string(key), names.Major(tag)); ok {
		if i, ok := find(r.keys, string(mkey)); ok {
			return &records[i], true
		}
	}
	if i, ok := find(r.keys, anyTag); ok {
		return &records[i], true
	}
	return nil, false
}

// Canonical returns the repository name the table uses for ref
// ("docker.io/library/python:3" → "python") and whether the table has it.
func Canonical(ref string) (string, bool) {
	name, _, _, ok := names.Split(ref)
	if !ok {
		return "", false
	}
	r := findRepo(name)
	if r == nil {
		return name, false
	}
	return r.name, true
}

// Tags returns the tags of a repository that were published when the table
// was generated, sorted; nil for an unknown repository. The slice is fresh.
func Tags(repository string) []string {
	r := findRepo(repository)
	if r == nil {
		return nil
	}
	out := make([]string, len(r.tags))
	for i, t := range r.tags {
		out[i] = t.tag
	}
	return out
}

// Repositories returns the canonical names of every repository in the table, sorted.
func Repositories() []string {
	out := make([]string, len(repos))
	for i := range repos {
		out[i] = repos[i].name
	}
	return out
}

// TagPattern returns the pattern a tag of repository falls under
// ("3.8-slim-buster" → "{v}-slim-{debian}"), as Image.Pattern shows it.
func TagPattern(repository, tag string) string {
	var isWord func(string) bool
	if r := findRepo(repository); r != nil {
		isWord = r.isWord
	}
	return string(names.Key(nil, tag, isWord))
}

func findRepo(name string) *repo {
	if i := sort.Search(len(aliases), func(i int) bool { return aliases[i].from >= name }); i < len(aliases) && aliases[i].from == name {
		name = aliases[i].to
	}
	i := sort.Search(len(repos), func(i int) bool { return repos[i].name >= name })
	if i < len(repos) && repos[i].name == name {
		return &repos[i]
	}
	return nil
}

func find(refs []tagRef, tag string) (uint16, bool) {
	i := sort.Search(len(refs), func(i int) bool { return refs[i].tag >= tag })
	if i < len(refs) && refs[i].tag == tag {
		return refs[i].rec, true
	}
	return 0, false
}

func (r *repo) isWord(w string) bool {
	for _, x := range r.words {
		if x == w {
			return true
		}
	}
	return false
}
