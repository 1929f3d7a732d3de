package names

import "testing"

func TestSplit(t *testing.T) {
	for _, c := range []struct{ ref, repo, tag, digest string }{
		{"python", "python", "", ""},
		{"python:3.12-slim", "python", "3.12-slim", ""},
		{"library/python:3", "python", "3", ""},
		{"docker.io/library/python:3", "python", "3", ""},
		{"docker.io/python", "python", "", ""},
		{"index.docker.io/library/python", "python", "", ""},
		{"registry-1.docker.io/library/python:3", "python", "3", ""},
		{"mirror.gcr.io/busybox:1.36", "busybox", "1.36", ""},
		{"mirror.gcr.io/library/busybox", "busybox", "", ""},
		{"public.ecr.aws/docker/library/node:20", "node", "20", ""},
		{"amd64/buildpack-deps:noble-curl", "buildpack-deps", "noble-curl", ""},
		{"arm64v8/alpine", "alpine", "", ""},
		{"docker.io/amd64/alpine:3", "alpine", "3", ""},
		{"bitnami/redis:7", "bitnami/redis", "7", ""},
		{"docker.io/bitnami/redis", "bitnami/redis", "", ""},
		{"mcr.microsoft.com/dotnet/sdk:9.0", "mcr.microsoft.com/dotnet/sdk", "9.0", ""},
		{"localhost:5000/app:dev", "localhost:5000/app", "dev", ""},
		{"localhost/app", "localhost/app", "", ""},
		{"gcr.io/distroless/static-debian12:nonroot", "gcr.io/distroless/static-debian12", "nonroot", ""},
		{"python:3@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "python", "3",
			"sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"},
		{"python@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "python", "",
			"sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"},
	} {
		repo, tag, digest, ok := Split(c.ref)
		if !ok || repo != c.repo || tag != c.tag || digest != c.digest {
			t.Errorf("Split(%q) = %q, %q, %q, %v; want %q, %q, %q", c.ref, repo, tag, digest, ok, c.repo, c.tag, c.digest)
		}
	}
	for _, bad := range []string{"", "Python", "python:", "python:-slim", "python:.x", "a b", "${IMAGE}", "python@sha256:xyz",
		"python@", "/python", "python/", "a//b", "python:3:4"} {
		if repo, tag, _, ok := Split(bad); ok {
			t.Errorf("Split(%q) = %q, %q, ok; want not ok", bad, repo, tag)
		}
	}
}

func TestKey(t *testing.T) {
	words := map[string]bool{"lts": true, "krypton": true, "mainline": true}
	isWord := func(w string) bool { return words[w] }
	for _, c := range []struct{ tag, key string }{
		{"latest", "latest"},
		{"3", "{v}"},
		{"3.14.2", "{v}"},
		{"3.15.0rc1", "{v}"},
		{"3.15-rc", "{v}"},
		{"3.14-slim", "{v}-slim"},
		{"3.14.2-slim-trixie", "{v}-slim-{debian}"},
		{"3.8-slim-buster", "{v}-slim-{debian}"},
		{"slim-bookworm", "slim-{debian}"},
		{"3.12-alpine3.21", "{v}-alpine{n}"},
		{"alpine3.21", "alpine{n}"},
		{"alpine", "alpine"},
		{"lts-alpine", "{v}-alpine"},
		{"krypton-bookworm-slim", "{v}-{debian}-slim"},
		{"mainline-alpine-perl", "{v}-alpine-perl"},
		{"bookworm-20250721-slim", "{debian}-{date}-slim"},
		{"noble-20241118.1", "{ubuntu}-{date}"},
		{"24.04", "{v}"},
		{"1.27-windowsservercore-ltsc2025", "{v}-windowsservercore-ltsc{n}"},
		{"1.27-windowsservercore-1809", "{v}-windowsservercore-ltsc{n}"},
		{"nanoserver-ltsc2022", "nanoserver-ltsc{n}"},
		{"ltsc2022", "ltsc{n}"},
		{"10.0.100-preview.7-bookworm-slim", "{v}-{debian}-slim"},
		{"8.0-noble-amd64", "{v}-{ubuntu}"},
		{"latest-arm64", "latest"},
		{"26-ea-jdk-trixie", "{v}-jdk-{debian}"},
		{"21.0.5_11-jdk-ubi9-minimal", "{v}-jdk-ubi{n}-minimal"},
		{"3-eclipse-temurin-21-alpine", "{v}-eclipse-temurin-{n}-alpine"},
		{"1-3.12-bookworm", "{v}-{n}-{debian}"},
		{"arm64", "arm{n}"},
		{"fpm", "fpm"},
		{"v1.2.3", "{v}"},
	} {
		if got := string(Key(nil, c.tag, isWord)); got != c.key {
			t.Errorf("Key(%q) = %q, want %q", c.tag, got, c.key)
		}
	}
	if got := string(Key(nil, "lts-alpine", nil)); got != "lts-alpine" {
		t.Errorf("Key without words = %q, want lts-alpine", got)
	}
}

func TestWithMajor(t *testing.T) {
	if got, ok := WithMajor(nil, "{v}-noble", Major("10.0.302-noble")); !ok || string(got) != "{v10}-noble" {
		t.Errorf("WithMajor = %q, %v", got, ok)
	}
	if _, ok := WithMajor(nil, "noble", "10"); ok {
		t.Error("WithMajor on a pattern without {v}")
	}
	if _, ok := WithMajor(nil, "{v}", Major("lts")); ok {
		t.Error("WithMajor without a major")
	}
}

func FuzzKey(f *testing.F) {
	for _, s := range []string{"3.14-slim-trixie", "lts-alpine3.21", "", "-", "--", "a-", "1809", "windowsservercore-"} {
		f.Add(s)
	}
	// A pattern is its own pattern: placeholders are never rewritten again,
	// so the generator and the lookup agree however often a key is keyed.
	isWord := func(w string) bool { return w == "lts" }
	f.Fuzz(func(t *testing.T, tag string) {
		k := string(Key(nil, tag, isWord))
		if again := string(Key(nil, k, isWord)); again != k {
			t.Fatalf("Key(%q) = %q, but Key(%q) = %q", tag, k, k, again)
		}
	})
}
