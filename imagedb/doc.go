// Package imagedb knows, offline, what the images people build FROM contain:
// the official images (alpine, debian, ubuntu, python, golang, node, nginx,
// postgres…), .NET on mcr.microsoft.com, distroless, Windows Server Core
// and Nano Server, and the devcontainers images. For an image and tag it
// gives the OS and distribution, package managers, shells, user tools, and
// the config: user, workdir, entrypoint, cmd, exposed ports, volumes and
// every environment variable, inherited along the image's own FROM chain.
//
// Start with Lookup, which takes a reference as written after FROM:
//
//	im, ok := imagedb.Lookup("python:3.12-slim")
//	// im.Distro == "debian", im.PackageManagers.Has(imagedb.Apt),
//	// im.LookupEnv("PYTHON_VERSION"), im.HasShell()
//
// A published tag gives that image's own facts (Image.Exact); any other tag
// of a known shape gives the facts of its variant (python:3.8-alpine: Alpine,
// apk, BusyBox adduser), with version-dependent values left empty. Unknown
// images, unknown shapes and digest-only references give false: no guess.
// Lookup does no I/O and no allocation; the records are shared, read-only.
//
// The table (table_gen.go) is generated from the images' public build
// definitions by imagedb/gen; see its doc comment and README.md to refresh
// it. The package does no I/O at run time and imports neither server/ nor
// analysis/.
package imagedb
