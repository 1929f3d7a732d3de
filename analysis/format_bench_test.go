package analysis

import "testing"

// BenchmarkFormat measures formatting a whole document (what
// textDocument/formatting and `dockerfile-ls fmt` cost), parse included, in
// the default and the shell style.
func BenchmarkFormat(b *testing.B) {
	for _, in := range benchInputs {
		text := benchText(b, in.file)
		for _, style := range []struct {
			name string
			opts FormatOptions
		}{{"default", FormatOptions{}}, {"shell", FormatOptions{Shell: true}}} {
			b.Run(in.name+"/"+style.name, func(b *testing.B) {
				b.SetBytes(int64(len(text)))
				b.ReportAllocs()
				for b.Loop() {
					Parse(text).Format(style.opts)
				}
			})
		}
	}
}

// BenchmarkFormatFormatted is the common case of formatting on save: the
// document is already formatted, so no instruction changes and none is
// re-parsed to prove it.
func BenchmarkFormatFormatted(b *testing.B) {
	text := benchText(b, "large.Dockerfile")
	text = ApplyEdits(text, Parse(text).Format(FormatOptions{}))
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		if len(Parse(text).Format(FormatOptions{})) > 0 {
			b.Fatal("a formatted document changed")
		}
	}
}
