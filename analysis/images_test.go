package analysis

import (
	"strings"
	"testing"

	"github.com/dockerfile-ls/dockerfile-ls/imagedb"
)

func TestBaseImage(t *testing.T) {
	text := `ARG GO=1.22
ARG BASE
ARG ALIAS=build
FROM golang:${GO}-alpine AS build
FROM build AS test
FROM $ALIAS
FROM $BASE
FROM ${BASE:-debian:bookworm}
FROM scratch
FROM example.invalid/thing:1
`
	d := Parse(text)
	want := []struct {
		ref    string
		ok     bool
		root   int
		distro string
	}{
		{"golang:1.22-alpine", true, 0, "alpine"},
		{"golang:1.22-alpine", true, 0, "alpine"},
		{"golang:1.22-alpine", true, 0, "alpine"},
		{"", false, 0, ""},
		{"debian:bookworm", true, 4, "debian"},
		{"scratch", true, 5, ""},
		{"example.invalid/thing:1", true, 6, "-"},
	}
	stages := d.Stages()
	if len(stages) != len(want) {
		t.Fatalf("%d stages", len(stages))
	}
	for i, w := range want {
		b, ok := d.BaseImage(stages[i], nil)
		if ok != w.ok || b.Ref != w.ref {
			t.Errorf("stage %d: BaseImage = %q, %v; want %q, %v", i, b.Ref, ok, w.ref, w.ok)
			continue
		}
		if !ok {
			continue
		}
		if b.Stage != stages[w.root] {
			t.Errorf("stage %d: named by stage %d, want %d", i, b.Stage.Index, w.root)
		}
		switch {
		case w.distro == "-" && b.Image != nil:
			t.Errorf("stage %d: an unknown image got facts %+v", i, b.Image)
		case w.distro != "-" && (b.Image == nil || b.Image.Distro != w.distro):
			t.Errorf("stage %d: image %+v, want distro %q", i, b.Image, w.distro)
		}
	}
	// Another source is asked instead of the table, with the expanded reference.
	var asked []string
	src := ImageSource(func(ref string) (*imagedb.Image, bool) { asked = append(asked, ref); return nil, false })
	if im := d.ImageOf(stages[1], src); im != nil || len(asked) != 1 || asked[0] != "golang:1.22-alpine" {
		t.Errorf("custom source: image %v, asked %q", im, asked)
	}
}

func TestArgNotInScopeNamesImageVariable(t *testing.T) {
	text := "ARG PYTHON_VERSION=3.12\nFROM python:3.12-slim\nRUN echo $PYTHON_VERSION\n"
	var got []string
	for _, g := range Parse(text).Diagnostics(nil, nil) {
		if g.Rule == "ArgNotInScope" {
			got = append(got, g.Message, g.Localized("ru"))
		}
	}
	if len(got) != 2 || !strings.Contains(got[0], "the shell gets the base image's `PYTHON_VERSION") || !strings.Contains(got[1], "переменную базового образа `PYTHON_VERSION") {
		t.Errorf("ArgNotInScope with the image's variable: %q", got)
	}
}
