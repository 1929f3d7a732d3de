package analysis

import (
	"fmt"
	"os"
	"testing"
)

func TestDebugDump(t *testing.T) {
	p := os.Getenv("DUMP")
	if p == "" {
		t.Skip()
	}
	b, _ := os.ReadFile(p)
	d := Parse(string(b))
	for _, ins := range d.Instructions {
		fmt.Printf("%d-%d %s kw=%q args=%q\n", ins.Line, ins.EndLine, ins.Cmd, d.Text[ins.Keyword.Start:ins.Keyword.End], d.Text[ins.ArgsSpan.Start:ins.ArgsSpan.End])
		for _, f := range ins.Flags {
			fmt.Printf("   flag %q name=%q val=%q\n", d.Text[f.Span.Start:f.Span.End], d.Text[f.NameSpan.Start:f.NameSpan.End], f.Value)
		}
		for _, v := range ins.Vars {
			fmt.Printf("   var %q name=%q\n", d.Text[v.Span.Start:v.Span.End], v.Name)
		}
		for _, h := range ins.Heredocs {
			fmt.Printf("   heredoc %q body=%q\n", d.Text[h.Marker.Start:h.Marker.End], d.Text[h.Body.Start:h.Body.End])
		}
	}
	for _, dg := range d.Diagnostics(nil) {
		l, c := d.Lines.Position(dg.Span.Start)
		fmt.Printf("%d:%d %s %s %q %q\n", l+1, c+1, dg.Severity, dg.Rule, d.Text[dg.Span.Start:dg.Span.End], dg.Message)
	}
}
