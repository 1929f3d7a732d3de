package main

import (
	"regexp"
	"slices"
	"strings"
)

// Distroless images (gcr.io/distroless/*) are built with Bazel, not from
// Dockerfiles. Their facts, from GoogleContainerTools/distroless:
// static/static.bzl sets PATH and SSL_CERT_FILE, user 0 and workdir / (user
// 65532 and /home/nonroot for :nonroot); the :debug images add BusyBox in
// /busybox (PATH gains :/busybox, ENTRYPOINT ["/busybox/sh"]) but no
// /bin/sh; java/java.bzl adds LANG and JAVA_VERSION with ENTRYPOINT
// ["/usr/bin/java", "-jar"]; nodejs/nodejs.bzl ENTRYPOINT
// ["/nodejs/bin/node"]; python3/python.bzl LANG and
// ENTRYPOINT ["/usr/bin/python3.X"].

var distrolessRow = regexp.MustCompile(`^\|\s*gcr\.io/distroless/([a-z0-9-]+)\s*\|`)

// distrolessNames are the images the README lists now plus those it
// listed before (debian11, debian12, and the unsuffixed names).
func distrolessNames(src *source) []string {
	set := map[string]bool{}
	if src != nil {
		if b, _, err := src.read("", "README.md"); err == nil {
			for _, line := range strings.Split(string(b), "\n") {
				if m := distrolessRow.FindStringSubmatch(line); m != nil {
					set[m[1]] = true
				}
			}
		}
	}
	families := []string{"static", "base", "base-nossl", "cc", "java-base", "java11", "java17", "java21", "java25",
		"nodejs16", "nodejs18", "nodejs20", "nodejs22", "nodejs24", "nodejs26", "python3"}
	for _, fam := range families {
		for _, sfx := range []string{"", "-debian11", "-debian12", "-debian13"} {
			set[fam+sfx] = true
		}
	}
	var out []string
	for n := range set {
		out = append(out, n)
	}
	slices.Sort(out)
	return out
}

var distrolessRelease = map[string]string{"debian10": "buster", "debian11": "bullseye", "debian12": "bookworm", "debian13": "trixie"}

var pythonVersion = map[string]string{"debian11": "3.9", "debian12": "3.11", "debian13": "3.13"}

func loadDistroless(d *db, src *source) {
	for _, name := range distrolessNames(src) {
		fam, deb := name, ""
		if i := strings.LastIndex(name, "-debian"); i >= 0 {
			fam, deb = name[:i], name[i+1:]
		}
		for _, tag := range []string{"latest", "nonroot", "debug", "debug-nonroot"} {
			d.add(&entry{repo: "gcr.io/distroless/" + name, tags: []string{tag}, seed: distrolessFacts(fam, deb, tag)})
		}
	}
}

func distrolessFacts(fam, deb, tag string) *facts {
	f := &facts{OS: "linux", Distro: "debian", Release: distrolessRelease[deb], Adduser: "none",
		User: "0", WorkDir: "/", Source: "seed:distroless " + fam}
	path := defaultPath
	if strings.Contains(tag, "nonroot") {
		f.User, f.WorkDir = "65532", "/home/nonroot"
	}
	if strings.HasPrefix(tag, "debug") {
		path += ":/busybox"
		f.Shells = []string{"sh"} // /busybox/sh; RUN's /bin/sh is still missing
		f.Adduser = "busybox"
		f.Entrypoint = []string{"/busybox/sh"}
	}
	f.Env = []envVar{{Name: "PATH", Value: path}, {Name: "SSL_CERT_FILE", Value: "/etc/ssl/certs/ca-certificates.crt"}}
	switch {
	case strings.HasPrefix(fam, "java"):
		f.Env = append(f.Env, envVar{Name: "LANG", Value: "C.UTF-8"})
		if fam != "java-base" {
			f.Env = append(f.Env, envVar{Name: "JAVA_VERSION"})
			f.Entrypoint = []string{"/usr/bin/java", "-jar"}
		}
	case strings.HasPrefix(fam, "nodejs"):
		f.Entrypoint = []string{"/nodejs/bin/node"}
	case fam == "python3":
		f.Env = append(f.Env, envVar{Name: "LANG", Value: "C.UTF-8"})
		if v := pythonVersion[deb]; v != "" {
			f.Entrypoint = []string{"/usr/bin/python" + v}
		} else {
			f.Entrypoint = nil
		}
	}
	return f
}
