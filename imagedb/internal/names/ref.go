package names

import "strings"

// hubHosts are the names of Docker Hub, and mirror.gcr.io, Google's mirror of it.
var hubHosts = map[string]bool{
	"docker.io": true, "index.docker.io": true, "registry-1.docker.io": true,
	"registry.hub.docker.com": true, "mirror.gcr.io": true,
}

// archNamespaces are the per-architecture copies of the official images on
// Docker Hub (amd64/python is python for amd64).
var archNamespaces = map[string]bool{
	"amd64": true, "arm64v8": true, "arm32v7": true, "arm32v6": true, "arm32v5": true,
	"i386": true, "ppc64le": true, "s390x": true, "riscv64": true, "mips64le": true,
	"windows-amd64": true,
}

// officialMirrors are path prefixes under which other registries serve the
// official images unchanged.
var officialMirrors = []string{
	"public.ecr.aws/docker/library/",
	"mcr.microsoft.com/mirror/docker/library/",
}

// Split parses an image reference as written after FROM ("python:3.12-slim",
// "docker.io/library/python@sha256:…", "mcr.microsoft.com/dotnet/sdk:9.0")
// into its repository, normalised so that every spelling of an official
// image gives its short name ("python"), its tag and its digest. ok is false
// for what is not a valid reference (upper case in the name, spaces, an
// unexpanded variable, an empty name). The results are substrings of ref:
// Split does not allocate.
func Split(ref string) (repo, tag, digest string, ok bool) {
	name := ref
	if at := strings.IndexByte(name, '@'); at >= 0 {
		name, digest = name[:at], name[at+1:]
		if !validDigest(digest) {
			return "", "", "", false
		}
	}
	if colon := strings.LastIndexByte(name, ':'); colon >= 0 && colon > strings.LastIndexByte(name, '/') {
		name, tag = name[:colon], name[colon+1:]
		if !validTag(tag) {
			return "", "", "", false
		}
	}
	if !validName(name) {
		return "", "", "", false
	}
	return normalise(name), tag, digest, true
}

func normalise(name string) string {
	for _, m := range officialMirrors {
		if strings.HasPrefix(name, m) {
			return name[len(m):]
		}
	}
	path := name
	if slash := strings.IndexByte(name, '/'); slash >= 0 {
		host := name[:slash]
		if strings.ContainsAny(host, ".:") || host == "localhost" {
			if !hubHosts[host] {
				return name
			}
			path = name[slash+1:]
		}
	}
	if ns, rest, found := strings.Cut(path, "/"); found && !strings.Contains(rest, "/") &&
		(ns == "library" || archNamespaces[ns]) {
		return rest
	}
	return path
}

func validName(name string) bool {
	if name == "" || name[0] == '/' || name[len(name)-1] == '/' {
		return false
	}
	host := true
	for i := 0; i < len(name); i++ {
		c := name[i]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9', c == '.', c == '_', c == '-':
		case c == '/':
			if name[i-1] == '/' {
				return false
			}
			host = false
		case c == ':' && host && strings.IndexByte(name, '/') > i:
			// a registry port
		default:
			return false
		}
	}
	return true
}

func validTag(tag string) bool {
	if tag == "" || len(tag) > 128 || tag[0] == '.' || tag[0] == '-' {
		return false
	}
	for i := 0; i < len(tag); i++ {
		c := tag[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.' || c == '-') {
			return false
		}
	}
	return true
}

func validDigest(d string) bool {
	alg, hex, ok := strings.Cut(d, ":")
	if !ok || alg == "" || len(hex) < 32 {
		return false
	}
	for i := 0; i < len(hex); i++ {
		c := hex[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}
