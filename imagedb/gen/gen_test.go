package main

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// workTree writes files into a temporary work tree and opens it as owner/name.
func workTree(t *testing.T, name string, files map[string]string) *source {
	t.Helper()
	dir := t.TempDir()
	for p, body := range files {
		full := filepath.Join(dir, filepath.FromSlash(name), filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s := openSource(dir, name)
	if s == nil {
		t.Fatal("work tree not found")
	}
	return s
}

func seededDB(t *testing.T) *db {
	d := newDB(func(f string, a ...any) { t.Logf(f, a...) })
	d.add(&entry{repo: "alpine", tags: []string{"3.20", "latest"}, seed: alpineRoot.facts("3.20", "seed:alpine")})
	d.add(&entry{repo: "scratch", tags: []string{"latest", anyTag}, seed: &facts{OS: "linux", Adduser: "none",
		Env: []envVar{{Name: "PATH", Value: defaultPath}}}})
	return d
}

func TestEvalDockerfile(t *testing.T) {
	src := workTree(t, "o/img", map[string]string{"v1/Dockerfile": `
ARG BASE=alpine:3.20
FROM ${BASE} AS build
RUN apk add --no-cache --virtual .deps gcc
FROM build
ARG X=1
ENV A=$X B=/x:$PATH
WORKDIR app
WORKDIR sub
USER 1000
EXPOSE 80 53/udp
VOLUME /data
RUN apk add --no-cache bash shadow && apk add --virtual .b zsh && apk del shadow
ENTRYPOINT ["e"]
`})
	d := seededDB(t)
	d.add(&entry{repo: "o/img", tags: []string{"1"}, dockerfile: &dockerfileRef{src: src, path: "v1/Dockerfile"}})
	f, err := d.resolve("o/img:1")
	if err != nil {
		t.Fatal(err)
	}
	a, _ := f.Get("A")
	b, _ := f.Get("B")
	switch {
	case a != "1" || b != "/x:"+defaultPath:
		t.Errorf("env A=%q B=%q", a, b)
	case f.WorkDir != "/app/sub" || f.User != "1000":
		t.Errorf("workdir %q user %q", f.WorkDir, f.User)
	case !slices.Equal(f.Expose, []string{"53/udp", "80/tcp"}) || !slices.Equal(f.Volumes, []string{"/data"}):
		t.Errorf("expose %v volumes %v", f.Expose, f.Volumes)
	case !f.HasShell("bash") || f.HasShell("zsh") || f.Useradd:
		t.Errorf("shells %v useradd %v (zsh was virtual, shadow removed)", f.Shells, f.Useradd)
	case !slices.Equal(f.Entrypoint, []string{"e"}) || f.Cmd != nil:
		t.Errorf("entrypoint %q cmd %q (ENTRYPOINT resets the base's CMD)", f.Entrypoint, f.Cmd)
	case f.Distro != "alpine" || f.Release != "3.20" || f.Source != "o/img v1/Dockerfile":
		t.Errorf("distro %s/%s source %q", f.Distro, f.Release, f.Source)
	}
}

func TestEvalShellFormAndScratch(t *testing.T) {
	src := workTree(t, "o/min", map[string]string{"noble-chiseled/Dockerfile": `
FROM alpine:3.20 AS files
FROM scratch
COPY --from=files / /
ENV PATH=/app:$PATH
CMD run it
`})
	d := seededDB(t)
	d.add(&entry{repo: "o/min", tags: []string{"1"}, dockerfile: &dockerfileRef{src: src, path: "noble-chiseled/Dockerfile", hint: "noble-chiseled"}})
	f, err := d.resolve("o/min:1")
	if err != nil {
		t.Fatal(err)
	}
	if f.Distro != "ubuntu" || f.Release != "noble" || len(f.Shells) != 0 || f.BinSh || len(f.PMs) != 0 {
		t.Errorf("scratch-based: %s/%s shells %v pms %v", f.Distro, f.Release, f.Shells, f.PMs)
	}
	if p, _ := f.Get("PATH"); p != "/app:"+defaultPath {
		t.Errorf("PATH = %q (BuildKit gives scratch the default PATH)", p)
	}
	if !slices.Equal(f.Cmd, []string{"/bin/sh", "-c", "run it"}) {
		t.Errorf("shell-form CMD = %q", f.Cmd)
	}
}

func TestStandIn(t *testing.T) {
	src := workTree(t, "o/s", map[string]string{"4.0/alpine3.23/Dockerfile": "FROM alpine:3.20\nENV V=4\n"})
	d := seededDB(t)
	e := &entry{repo: "o/s", tags: []string{"4.0-alpine3.24"}, dockerfile: &dockerfileRef{src: src, path: "4.0/alpine3.24/Dockerfile"}}
	d.add(e)
	if _, err := d.build(e); err != nil || !e.approximate() || e.dockerfile.approx != "4.0/alpine3.23/Dockerfile" {
		t.Fatalf("stand-in: %v, %q", err, e.dockerfile.approx)
	}
}

func TestParseLibrary(t *testing.T) {
	es := parseLibrary([]byte(`# comment
Maintainers: x
GitRepo: https://github.com/docker-library/python.git
Builder: buildkit

Tags: 3.14.2-slim-trixie, 3.14-slim-trixie,
 slim-trixie
SharedTags: 3.14-slim
Architectures: amd64
GitCommit: abc
Directory: 3.14/slim-trixie

Tags: 3.14-windowsservercore-ltsc2022
Architectures: windows-amd64
windows-amd64-Directory: 3.14/windows/windowsservercore-ltsc2022
Constraints: windowsservercore-ltsc2022
`))
	if len(es) != 2 {
		t.Fatalf("%d entries", len(es))
	}
	e := es[0]
	if !slices.Equal(e.Tags, []string{"3.14.2-slim-trixie", "3.14-slim-trixie", "slim-trixie", "3.14-slim"}) ||
		e.GitRepo != "docker-library/python" || e.GitCommit != "abc" || e.Directory != "3.14/slim-trixie" || e.File != "Dockerfile" ||
		!e.Shared["3.14-slim"] || e.isWindows() {
		t.Errorf("first entry %+v", e)
	}
	if w := es[1]; !w.isWindows() || w.Directory != "3.14/windows/windowsservercore-ltsc2022" {
		t.Errorf("windows entry %+v", w)
	}
}

func TestPatternsAndVaries(t *testing.T) {
	d := seededDB(t)
	mk := func(tags []string, version string) *entry {
		f := alpineRoot.facts("", "x")
		f.Env = append(f.Env, envVar{Name: "APP_VERSION", Value: version}, envVar{Name: "APP_HOME", Value: "/app"},
			envVar{Name: "BUILD_ID", Value: version + "b"})
		return &entry{repo: "app", tags: tags, seed: f}
	}
	d.add(mk([]string{"2.1.0-alpine", "2.1-alpine", "lts-alpine", "alpine"}, "2.1.0"))
	d.add(mk([]string{"2.0.9-alpine", "2.0-alpine"}, "2.0.9"))
	r := d.repos["app"]
	if !deriveWords(r)["lts"] {
		t.Errorf("lts is not a version word: %v", deriveWords(r))
	}
	if k := r.key("1.9-alpine"); k != "{v}-alpine" {
		t.Errorf("key = %q", k)
	}
	if c := r.byKey("{v}-alpine"); len(c) != 2 || c[0].tags[0] != "2.1.0-alpine" {
		t.Errorf("the entry with an unversioned tag comes first")
	}
	for _, e := range r.entries {
		d.build(e)
	}
	r.markVaries()
	for _, v := range r.entries[0].resolved.Env {
		want := v.Name == "APP_VERSION" || v.Name == "BUILD_ID"
		if v.Varies != want {
			t.Errorf("%s Varies = %v", v.Name, v.Varies)
		}
	}
}

func TestHelpers(t *testing.T) {
	if got := string(stripJSONC([]byte(`{"a": "x // y", // c
 /* b */ "b": [1, 2,],
}`))); got != "{\"a\": \"x // y\", \n  \"b\": [1, 2]\n}" {
		t.Errorf("stripJSONC = %q", got)
	}
	if got := versionedTags("${VERSION}-noble", "3.0.3"); !slices.Equal(got, []string{"3.0.3-noble", "3.0-noble", "3-noble", "noble"}) {
		t.Errorf("versionedTags = %q", got)
	}
	if d, r := distroFromName("azurelinux3.0-distroless"); d != "azurelinux" || r != "3.0" {
		t.Errorf("distroFromName = %s %s", d, r)
	}
	if !naturalLess("3.9/x", "3.10/x") || naturalLess("3.10", "3.9") {
		t.Error("naturalLess")
	}
	if p, ok := packageArgs([]string{"apt-get", "-y", "install", "--no-install-recommends", "bash=5.2", "curl"}); !ok || !slices.Equal(p, []string{"bash", "curl"}) {
		t.Errorf("packageArgs = %v %v", p, ok)
	}
}
