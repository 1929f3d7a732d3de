package main

import (
	"bufio"
	"bytes"
	"strings"
)

// libraryEntry is one paragraph of an official-images library file
// (docker-library/official-images, library/<name>): the tags it publishes
// and the Dockerfile they are built from.
type libraryEntry struct {
	Tags        []string // Tags then SharedTags
	Shared      map[string]bool
	GitRepo     string // owner/name on GitHub, "" for other hosts
	GitCommit   string
	Directory   string
	File        string
	Builder     string
	Constraints string
}

// parseLibrary reads a library file. Fields of the first paragraph are the
// defaults of every entry; the amd64- (or windows-amd64-) prefixed
// variants of GitRepo, GitCommit, Directory and File are used when the
// plain ones are absent (the table describes amd64 images).
func parseLibrary(data []byte) []libraryEntry {
	var paragraphs []map[string]string
	cur := map[string]string{}
	last := ""
	flush := func() {
		if len(cur) > 0 {
			paragraphs = append(paragraphs, cur)
		}
		cur, last = map[string]string{}, ""
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.TrimSpace(line) == "":
			flush()
		case strings.HasPrefix(line, "#"):
		case line[0] == ' ' || line[0] == '\t':
			if last != "" {
				cur[last] += " " + strings.TrimSpace(line)
			}
		default:
			k, v, ok := strings.Cut(line, ":")
			if !ok {
				continue
			}
			last = strings.TrimSpace(k)
			cur[last] = strings.TrimSpace(v)
		}
	}
	flush()
	if len(paragraphs) == 0 {
		return nil
	}
	global := paragraphs[0]
	field := func(p map[string]string, k string) string {
		for _, m := range []map[string]string{p, global} {
			if v, ok := m[k]; ok && v != "" {
				return v
			}
			if v, ok := m["amd64-"+k]; ok && v != "" {
				return v
			}
			if v, ok := m["windows-amd64-"+k]; ok && v != "" {
				return v
			}
		}
		return ""
	}
	var out []libraryEntry
	for _, p := range paragraphs {
		if p["Tags"] == "" {
			continue
		}
		e := libraryEntry{
			GitRepo:     githubRepo(field(p, "GitRepo")),
			GitCommit:   field(p, "GitCommit"),
			Directory:   field(p, "Directory"),
			File:        field(p, "File"),
			Builder:     field(p, "Builder"),
			Constraints: field(p, "Constraints"),
			Shared:      map[string]bool{},
		}
		if e.File == "" {
			e.File = "Dockerfile"
		}
		e.Tags = splitList(p["Tags"])
		for _, t := range splitList(p["SharedTags"]) {
			e.Shared[t] = true
			e.Tags = append(e.Tags, t)
		}
		out = append(out, e)
	}
	return out
}

func splitList(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

// githubRepo turns "https://github.com/docker-library/python.git" into
// "docker-library/python".
func githubRepo(url string) string {
	const p = "https://github.com/"
	if !strings.HasPrefix(url, p) {
		return ""
	}
	return strings.TrimSuffix(strings.TrimSuffix(url[len(p):], "/"), ".git")
}

// isWindows reports whether the entry builds a Windows image.
func (e *libraryEntry) isWindows() bool {
	return strings.Contains(e.Constraints, "windowsservercore") || strings.Contains(e.Constraints, "nanoserver")
}
