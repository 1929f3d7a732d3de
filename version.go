package main

import (
	"runtime/debug"
	"sync"
)

// version overrides everything else when set at link time:
//
//	go build -ldflags "-X main.version=1.2.3" .
var version string

// develVersion is what a build reports when nothing says which source it came
// from: a build outside git, or with -buildvcs=false.
const develVersion = "v0.0.0-devel"

// buildVersion is the version of this binary. The version command,
// serverInfo.version and SARIF's driver.version all show it.
var buildVersion = sync.OnceValue(func() string {
	bi, _ := debug.ReadBuildInfo()
	return versionOf(version, bi)
})

// versionOf picks the version to report, most specific first:
//
//  1. the -ldflags -X main.version override;
//  2. the main module's version as Go records it: the tag for
//     `go install …@v1.2.3`; in a git checkout, Go (1.24+) derives it from
//     git: the tag at HEAD (v1.2.3) or a pseudo-version
//     (v0.0.0-20260102150405-abcdef123456, v1.2.4-0.2026…-abcdef123456 after
//     a tag), with "+dirty" when the tree has uncommitted changes;
//  3. a revision recorded without a version: v0.0.0-devel+abcdef123456,
//     ".dirty" appended when modified;
//  4. v0.0.0-devel.
func versionOf(override string, bi *debug.BuildInfo) string {
	if override != "" {
		return override
	}
	if bi == nil {
		return develVersion
	}
	if v := bi.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	var rev string
	var modified bool
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			modified = s.Value == "true"
		}
	}
	if rev == "" {
		return develVersion
	}
	if len(rev) > 12 {
		rev = rev[:12] // as long as in Go's pseudo-versions
	}
	v := develVersion + "+" + rev
	if modified {
		v += ".dirty"
	}
	return v
}
