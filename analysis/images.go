package analysis

import (
	"strings"

	"github.com/dockerfile-ls/dockerfile-ls/imagedb"
)

// This file is the one way analysis learns what a base image contains.
// Every feature that reads image facts (UndefinedVar, variable completion,
// hover on FROM, the image rules) goes through an ImageSource and
// Document.BaseImage; nothing else calls imagedb.

// ImageSource says what the image a reference names contains: the
// reference as BuildKit would pull it (ARGs expanded), ok=false when the
// source does not know it (then no feature guesses). It must be safe for
// concurrent use and answer at once. A nil ImageSource is the offline table,
// imagedb.Lookup; the server layers live registry answers over it.
type ImageSource func(ref string) (*imagedb.Image, bool)

// Lookup asks src, or the offline table when src is nil.
func (src ImageSource) Lookup(ref string) (*imagedb.Image, bool) {
	if src == nil {
		return imagedb.Lookup(ref)
	}
	return src(ref)
}

// BaseImage is the image outside the Dockerfile that a stage builds on.
type BaseImage struct {
	// Ref is the reference as BuildKit pulls it: the FROM value with the
	// global ARGs' defaults expanded.
	Ref string
	// Expanded reports that Ref came from variables' defaults: a build
	// may pass others (--build-arg), so rules that predict a failure skip
	// such stages, while hover, completion and UndefinedVar use the default.
	Expanded bool
	// Stage is the stage whose FROM names the image: the stage asked about,
	// or the first of the stages it builds on ("FROM golang AS build" for
	// "FROM build").
	Stage *Stage
	// Image is what the source knows of Ref; nil when it knows nothing.
	Image *imagedb.Image
}

// maxStageChain bounds how many "FROM stage" links BaseImage follows.
const maxStageChain = 64

// BaseImage follows st's FROM through the stages it names (written or
// after ARG expansion, as BuildKit matches them: an earlier stage's name,
// ignoring case) to the image outside the file, and asks src about it.
// ok=false when the reference cannot be known: a variable without a
// default, or an empty FROM.
func (d *Document) BaseImage(st *Stage, src ImageSource) (BaseImage, bool) {
	for range maxStageChain {
		if st == nil {
			return BaseImage{}, false
		}
		if st.Parent != nil {
			st = st.Parent
			continue
		}
		ref, ok := d.fromRef(st)
		if !ok {
			return BaseImage{}, false
		}
		if parent := d.stageBeforeNamed(st, ref); parent != nil {
			st = parent
			continue
		}
		b := BaseImage{Ref: ref, Stage: st, Expanded: strings.Contains(st.Image, "$")}
		if im, ok := src.Lookup(ref); ok {
			b.Image = im
		}
		return b, true
	}
	return BaseImage{}, false
}

// ImageOf is the facts of the image st builds on, nil when unknown.
func (d *Document) ImageOf(st *Stage, src ImageSource) *imagedb.Image {
	b, _ := d.BaseImage(st, src)
	return b.Image
}

// fromRef is the FROM value of st with the global ARGs expanded as BuildKit
// expands it (defaults; predefined platform args at their usual values).
// A variable BuildKit could not expand here leaves the reference unknown.
func (d *Document) fromRef(st *Stage) (string, bool) {
	ref := st.Image
	if ref == "" {
		return "", false
	}
	if !strings.Contains(ref, "$") {
		return ref, true
	}
	global := envList(d.globalDefs())
	for _, v := range st.From.Vars {
		switch {
		case v.InFlag, v.Modifier == ":-" || v.Modifier == "-" || v.Modifier == ":+" || v.Modifier == "+":
			continue // a flag, or a value whatever the build passes
		}
		if _, ok := global.Get(v.Name); !ok {
			return "", false // no default: the build must pass it
		}
	}
	ref = d.expand(ref, global)
	if ref == "" || strings.Contains(ref, "$") {
		return "", false
	}
	return ref, true
}

// stageBeforeNamed is the stage before st called name, or nil.
func (d *Document) stageBeforeNamed(st *Stage, name string) *Stage {
	stages := d.Stages()
	for i := min(st.Index, len(stages)) - 1; i >= 0; i-- {
		if stages[i].Name != "" && equalFold(stages[i].Name, name) {
			return stages[i]
		}
	}
	return nil
}

// looksWindows says whether a stage on an image no source knows is likely
// a Windows one: the file uses Windows' escape character, or the image's
// name says so (nanoserver, servercore, windows).
func (d *Document) looksWindows(image string) bool {
	image = strings.ToLower(image)
	return d.Escape == '`' || strings.Contains(image, "windows") || strings.Contains(image, "nanoserver") || strings.Contains(image, "servercore")
}
