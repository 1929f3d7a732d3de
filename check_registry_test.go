package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dockerfile-ls/dockerfile-ls/internal/registrytest"
)

// check --registry looks the base images up: an arm64-only image in an
// amd64 stage is InvalidBaseImagePlatform, which needs the real config;
// without the flag it is not (and nothing is asked of the registry).
func TestCheckRegistry(t *testing.T) {
	reg := registrytest.Start(t)
	reg.Push(t, "armonly", registrytest.Image(t, registrytest.Config{OS: "linux", Architecture: "arm64"}), "1")
	path := filepath.Join(t.TempDir(), "Dockerfile")
	writeTestFile(t, path, "FROM --platform=linux/amd64 "+reg.Host+"/armonly:1\n")
	for _, tc := range []struct {
		args []string
		want bool
	}{
		{[]string{"check", path}, false},
		{[]string{"check", "--registry", path}, true},
	} {
		var out, errOut bytes.Buffer
		run(tc.args, strings.NewReader(""), &out, &errOut)
		if got := strings.Contains(out.String(), "InvalidBaseImagePlatform"); got != tc.want {
			t.Errorf("%v: InvalidBaseImagePlatform reported = %v, want %v:\n%s%s", tc.args, got, tc.want, out.String(), errOut.String())
		}
	}
}
