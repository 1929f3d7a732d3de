package analysis

// warmText touches what a first analysis initialises lazily: BuildKit's
// parser, instruction parsing and converter (with a mount, a heredoc and a
// stage reference), the embedded reference, the rules' patterns and the
// shell parser.
const warmText = "# syntax=docker/dockerfile:1\n# check=skip=none\nARG BASE=alpine\nFROM ${BASE} AS build\n" +
	"RUN --mount=type=cache,target=/root/.cache echo hi && \\\n    echo there\nCOPY <<EOF /x\nhello\nEOF\n" +
	"ENV a b\nWORKDIR app\nFROM build\nCOPY --from=build /x /y\nCMD echo done\n"

// Warm runs one small analysis so that the package-level initialisation
// it would otherwise pay (BuildKit's, the regular expressions', the embedded
// reference's) is done before a user's first document arrives. The server
// calls it in the background after initialize.
func Warm() {
	d := Parse(warmText)
	d.QuickDiagnostics(nil, nil, true)
	d.Diagnostics(nil, nil)
	d.Hover(d.Lines.LineStart(4)+1, "en", nil, nil)
}
