// Package marker runs the server's marker tests: each
// server/testdata/<feature>/<scenario>.txtar is one scenario, run as a
// parallel subtest named feature/scenario over a real JSON-RPC connection
// (internal/lsptest) to a fresh server, which is initialized, opens the
// Dockerfile and computes its diagnostics before any note runs.
//
// # The file
//
// A txtar archive. Its first paragraph says what the case checks. Sections:
//
//   - "-- Dockerfile --": the document. A line whose first non-blank
//     characters are "#@" holds notes about the line above it; the runner
//     strips those lines before didOpen, so the server sees only the
//     Dockerfile.
//   - "-- settings.json --": initializationOptions; a "clientLocale" key sets
//     the client's locale in initialize instead.
//   - "-- @name --": a golden section, the expected answer of a note that
//     names it. "go test ./server -update" rewrites them all.
//   - any other name: a file written into the build context (the directory
//     of the Dockerfile, also the workspace root), e.g. .dockerignore.
//
// # Notes
//
// A note is name(args…), several on a line separated by commas. Quoted
// arguments are JSON strings; bare words (written name or @name) name golden
// sections. Most markers take a pattern first: the first occurrence of the
// quoted text on the line above; a '|' in it marks the cursor, else the
// cursor is the match's start (only the first '|' is the cursor: "||"
// finds a literal "|"). Where a marker takes locations, "text@L" is
// the first text on 1-based line L of the document (notes stripped).
// A bracketed part picks a later word: "$[OUT]@6" is the OUT of the first
// "$OUT" on line 6. Positions are sent in the negotiated encoding (UTF-16
// here).
//
// # Markers
//
// Hover (hover.go):
//   - hover("pat", golden): the hover's Markdown is exactly the golden;
//     hover("pat", "fragment", …) contains each fragment. Without a '|'
//     in the pattern, the hover's range covers the pattern's lines.
//   - hoverContains("pat", "fragment", …): fragments only.
//   - noHover("pat"): no hover (null).
//
// Completion (complete.go):
//   - complete("pat|", "label", "!absent", …): labels offered at the
//     cursor, and labels (after '!') not offered.
//   - completeEdit("pat|", "label", "replaced", "newText"): the item's
//     textEdit replaces exactly "replaced", which ends at the cursor, by
//     newText.
//   - completeDetail("pat|", "label", "fragment", …): the item is offered
//     and its detail contains each fragment.
//   - completeList("pat|", golden): every item, in the order a client
//     shows them before anything is typed (sortText, else label), one a
//     line: "label — detail" (just the label without a detail).
//
// Signature help (signature.go):
//   - signature("pat|", "form fragment", "parameter"): the active signature's
//     label contains the fragment, and its active parameter is that text.
//
// Navigation (definition.go, rename.go, highlight.go):
//   - definition("pat|", "text@L", …), references("pat|", "text@L", …):
//     exactly these locations (references include the declaration);
//     uses("pat|", "text@L", …): references without the declaration.
//   - rename("pat|", "newName", "expected text", …): after the edits the
//     document contains each text; rename("pat|", "newName", "!error",
//     "fragment", …): the rename is refused, each fragment in the message.
//   - prepareRename("pat|", "text@L", "placeholder"): the range and
//     placeholder offered; "!none" for null; "!error", "fragment", … for a
//     refusal.
//   - highlight("pat|", "text@L [kind]", …): exactly these document
//     highlights; a kind (text, read, write) is checked where given.
//
// Diagnostics and code actions (diag.go, fix.go):
//   - diag("pat", "Rule"[, "severity"]): a diagnostic with that code exactly
//     on the pattern (severity: error, warning, info, hint). Diagnostics
//     and diag notes match one to one: a diagnostic no note expects fails
//     the case, except under completion/ and signature/ (half-written
//     lines) and in cases with ignoreExtraDiags().
//   - ignoreExtraDiags(): in this case, only the diag notes are checked.
//   - diagMessage("pat", "Rule", "fragment", "!absent", "buildkit:text", …)
//     (diagmessage.go): the diagnostic of that code on the pattern shows a
//     message (in the case's language) containing each fragment and no "!"
//     fragment; its data.buildkitMessage (BuildKit's own text, sent when the
//     message shown is ours) is exactly "text".
//   - fix("pat", "title fragment", "expected text", …): a code action for
//     the pattern's range, titled with the fragment, whose edit leaves each
//     expected text in the document.
//
// Semantic tokens (tokens.go), decoded with the legend the server
// advertised; golden lines read `line:col "text" type [modifiers]`:
//   - token("pat", "type", "modifier", …): a /full token covers exactly the
//     pattern, with that type and exactly those modifiers.
//   - tokens(golden): every /full token of the document.
//   - rangeTokens([golden]): /range over the note's line returns only
//     /full tokens and every /full token overlapping the line.
//   - deltaTokens("pat", "replacement"[, golden]) (delta.go): didChange
//     replaces the pattern; /full/delta against the /full answer before,
//     applied to it, equals a fresh /full (the golden, if given, lists the
//     edited line's tokens); then the edit is undone the same way and the
//     delta back restores the first answer, so later notes see the
//     document as written.
//
// Structure (symbols.go, folding.go, selection.go):
//   - symbols(golden): the documentSymbol tree, one symbol a line indented
//     by depth: name, kind, 1-based lines, detail, selection text. Each
//     selection range lies in its symbol and each child in its parent.
//   - folding(golden): the folding ranges sorted: "start-end [kind]: text of
//     the start line", 1-based.
//   - selection("pat|", "inner", …, "outer"): the selection ranges at the
//     cursor select exactly these texts, innermost first.
//
// Links and hints (links.go, inlay.go): in a case with any of these notes,
// the document's links (hints) are exactly those the notes list.
//   - link("pat", "target"): a documentLink exactly on the pattern to the
//     target; "./path" is a file of the case's build context.
//   - inlay("pat|", "label"): an inlay hint at the cursor with that label.
//
// Fix all (fixall.go):
//   - fixAll(golden): textDocument/codeAction with only ["source.fixAll"]
//     returns one action of that kind; the document after its edits is
//     exactly the golden; the fixed document offers no such action again.
//
// Formatting (format.go):
//   - format(golden, "name=value", …): the document after
//     textDocument/formatting's edits is exactly the golden (every byte,
//     final newline included), and formatting that again returns no edits.
//     Options default to tabSize=4, insertSpaces=true; arguments override or
//     add FormattingOptions, except "crlf=true", which sends the document
//     with CRLF line ends (the golden is written with LF; every line of the
//     result must end in CRLF).
//   - formatRange("pat", golden, "to=text@L", …): the document after
//     textDocument/rangeFormatting over the pattern (to the end of the first
//     "text" on 1-based line L when given) is exactly the golden.
//   - formatOnType("pat|", "line", …): after textDocument/onTypeFormatting
//     with ch "\n" at the cursor, the cursor's line is exactly "line".
//
// The formatting markers give the server back the document as written after
// each note.
//
// # Adding a marker
//
// One file in this package: a function that reads its Note (Pattern,
// Cursor, Start, End, Args), calls the server through e.Client and reports
// with e.Errorf, registered from init with register(marker{name, pattern,
// run}); a marker that must see every note of a case before judging (as
// diag does) collects them with stash and adds a registerCheck. Document it
// above, and add a case under server/testdata/<feature>/ that fails when the
// feature breaks.
package marker
