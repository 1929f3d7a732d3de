-- The everyday behaviours of issue 10 through Neovim's own LSP client: each
-- request goes out through vim.lsp.buf_request_sync (which flushes pending
-- didChange first), positions are made in the client's negotiated encoding,
-- and edits are applied by vim.lsp.util.apply_workspace_edit. Loaded by
-- test.lua: dofile(...)(t) with t = { check, eq, out, client, ours, tmp,
-- request }.
--
-- The main buffer puts é and 🐳 (outside the BMP: two UTF-16 units) before a
-- variable use and a shell operator, so a position in the wrong encoding
-- misses them (0.7 and 0.10 negotiate utf-16, 0.12 utf-8, DLS_MODE=utf-32
-- utf-32).

local LINES = {
  '# syntax=docker/dockerfile:1',
  'FROM alpine AS base',
  'ARG VER=1',
  'RUN echo é 🐳 $VER && \\',
  '    ls -l && echo "$VER"',
  'FROM base',
  'COPY --from=base /a /b',
  'RUN --mount=type=bind,from=base,target=/x <<EOF',
  'cat /x',
  'EOF',
  'EXPOSE 80/tcpx',
}

return function(t)
  local check, eq, out, client = t.check, t.eq, t.out, t.client
  local enc = client.offset_encoding or 'utf-16'

  -- open(name, lines): the buffer of a new file in the test's folder, with
  -- the server attached.
  local function open(name, lines)
    vim.fn.writefile(lines, t.tmp .. '/' .. name)
    vim.cmd('edit ' .. t.tmp .. '/' .. name)
    local b = vim.api.nvim_get_current_buf()
    if not vim.wait(10000, function() local c = t.ours(b); return c ~= nil and c.initialized ~= false end, 50) then
      error('no dockerfile_ls client on ' .. name)
    end
    return b
  end
  local function line_of(b, row) return vim.api.nvim_buf_get_lines(b, row, row + 1, false)[1] or '' end
  -- byte_of: the byte column of an LSP character offset (in the client's
  -- encoding) on a row; the inverse of vim.lsp.util.character_offset.
  local function byte_of(b, row, char)
    local s = line_of(b, row)
    if enc == 'utf-8' then return math.min(char, #s) end
    local n, i = 0, 1
    while i <= #s and n < char do
      local ch = s:match('^[%z\1-\127\194-\244][\128-\191]*', i)
      n = n + ((enc == 'utf-16' and #ch == 4) and 2 or 1)
      i = i + #ch
    end
    return i - 1
  end
  -- col(b, row, needle, k): the byte column k bytes into (0-based)
  -- of the first `needle` on row.
  local function col(b, row, needle, k)
    local at = line_of(b, row):find(needle, 1, true)
    if not at then error(string.format('no %q on line %d: %q', needle, row + 1, line_of(b, row))) end
    return at - 1 + (k or 0)
  end
  -- at(b, row, needle, k): TextDocumentPositionParams there, converted by
  -- Neovim (vim.lsp.util.character_offset with the client's encoding).
  local function at(b, row, needle, k)
    local c = type(needle) == 'number' and needle or col(b, row, needle, k)
    return {
      textDocument = { uri = vim.uri_from_bufnr(b) },
      position = { line = row, character = vim.lsp.util.character_offset(b, row, c, enc) },
    }
  end
  local request = t.request
  -- text(b, range): "line:text" of an LSP range on one line (1-based line).
  local function text(b, range)
    local row = range.start.line
    eq(range['end'].line, row, 'a range on one line')
    local s, e = byte_of(b, row, range.start.character), byte_of(b, row, range['end'].character)
    return string.format('%d:%s', row + 1, line_of(b, row):sub(s + 1, e))
  end
  local function sorted(list) table.sort(list); return table.concat(list, ', ') end
  local KIND = { 'text', 'read', 'write' }
  local function highlights(b, params)
    local list = {}
    for _, h in ipairs(request(b, 'textDocument/documentHighlight', params) or {}) do
      table.insert(list, text(b, h.range) .. ' ' .. (KIND[h.kind or 1] or tostring(h.kind)))
    end
    return sorted(list)
  end
  local function references(b, params)
    params.context = { includeDeclaration = true }
    local list = {}
    for _, l in ipairs(request(b, 'textDocument/references', params) or {}) do
      eq(l.uri, vim.uri_from_bufnr(b), 'reference uri')
      table.insert(list, text(b, l.range))
    end
    return sorted(list)
  end
  local function buffer_is(b, want, what)
    eq(table.concat(vim.api.nvim_buf_get_lines(b, 0, -1, false), '\n'), table.concat(want, '\n'), what)
  end
  local function with(lines, row, from, to)
    local copy = vim.deepcopy(lines)
    for _, r in ipairs(row) do copy[r] = copy[r]:gsub(from, to) end
    return copy
  end

  local b = open('parity.Dockerfile', LINES)
  out('# parity buffer in ' .. enc)

  -- 1. Navigation from a declaration equals navigation from a use.
  check('documentHighlight and references from AS base equal those from FROM base and from=base', function()
    local want_h = '2:base write, 6:base read, 7:base read, 8:base read'
    eq(highlights(b, at(b, 1, 'base', 1)), want_h, 'highlight from AS base')
    eq(highlights(b, at(b, 5, 'base', 1)), want_h, 'highlight from FROM base')
    eq(highlights(b, at(b, 7, 'from=base', 6)), want_h, 'highlight from from=base')
    local want_r = '2:base, 6:base, 7:base, 8:base'
    eq(references(b, at(b, 1, 'base', 1)), want_r, 'references from AS base')
    eq(references(b, at(b, 6, 'base', 1)), want_r, 'references from --from=base')
  end)

  check('documentHighlight and references from ARG VER equal those from $VER after a non-ASCII character', function()
    local want_h = '3:VER write, 4:VER read, 5:VER read'
    eq(highlights(b, at(b, 2, 'VER', 1)), want_h, 'highlight from ARG VER')
    eq(highlights(b, at(b, 3, '$VER', 2)), want_h, 'highlight from $VER after é')
    local want_r = '3:VER, 4:VER, 5:VER'
    eq(references(b, at(b, 2, 'VER', 1)), want_r, 'references from ARG VER')
    eq(references(b, at(b, 4, '$VER', 2)), want_r, 'references from "$VER"')
  end)

  -- 2. Heredoc delimiters.
  check('documentHighlight from <<EOF gives its terminator line, and back; definition from the terminator', function()
    local want = '10:EOF read, 8:EOF write'
    eq(highlights(b, at(b, 7, '<<EOF', 3)), want, 'highlight from <<EOF')
    eq(highlights(b, at(b, 9, 0)), want, 'highlight from the terminator')
    local d = request(b, 'textDocument/definition', at(b, 9, 1))
    if d and d.uri == nil and d[1] then d = d[1] end
    if not d then error('no definition from the terminator') end
    eq(text(b, d.targetSelectionRange or d.range), '8:EOF', 'definition from the terminator')
  end)

  -- 3. Error ranges, as vim.diagnostic holds them (byte columns made by the client).
  check('EXPOSE 80/tcpx: vim.diagnostic.get() marks tcpx, not the line', function()
    local function bad()
      for _, d in ipairs(vim.diagnostic.get(b)) do if d.lnum == 10 then return d end end
    end
    if not vim.wait(10000, function() return bad() ~= nil end, 50) then
      error('no diagnostic on line 11: ' .. vim.inspect(vim.diagnostic.get(b)))
    end
    local d = bad()
    eq(d.severity, vim.diagnostic.severity.ERROR, 'severity')
    eq(line_of(b, 10):sub(d.col + 1, d.end_col), 'tcpx', 'text under the diagnostic')
    eq(d.end_lnum, 10, 'end_lnum')
  end)

  -- 8. Semantic tokens, decoded here from the relative encoding.
  check('semanticTokens/full: the RUN shell has tokens on its first and its continuation line', function()
    local prov = client.server_capabilities.semanticTokensProvider
    if not (prov and prov.full) then error('no semanticTokensProvider.full: ' .. vim.inspect(prov)) end
    local types = prov.legend.tokenTypes
    local r = request(b, 'textDocument/semanticTokens/full', { textDocument = { uri = vim.uri_from_bufnr(b) } })
    if not (r and r.data) then error('no tokens: ' .. vim.inspect(r)) end
    local got, row, start = {}, 0, 0
    for i = 1, #r.data, 5 do
      if r.data[i] > 0 then row, start = row + r.data[i], r.data[i + 1] else start = start + r.data[i + 1] end
      local s, e = byte_of(b, row, start), byte_of(b, row, start + r.data[i + 2])
      got[string.format('%d:%s %s', row + 1, line_of(b, row):sub(s + 1, e), types[r.data[i + 3] + 1])] = true
    end
    local missing = {}
    for _, w in ipairs({ '4:RUN keyword', '4:echo function', '4:&& operator', '5:ls function', '5:-l parameter', '5:&& operator', '5:echo function' }) do
      if not got[w] then table.insert(missing, w) end
    end
    if #missing > 0 then error('missing ' .. table.concat(missing, ', ') .. ' in ' .. sorted(vim.tbl_keys(got))) end
  end)

  -- Neovim 0.9+ runs its own highlighter (0.7 has none: the request above is all).
  local st = vim.lsp.semantic_tokens
  -- token(row, c, type, text): a token of Neovim's highlighter at byte c with
  -- that type (and text). After an edit it holds the old tokens at their old
  -- columns until the server's answer comes, hence the text.
  local function token(row, c, want, want_text)
    for _, tk in ipairs(st.get_at_pos(b, row, c) or {}) do
      if tk.type == want and (not want_text or line_of(b, row):sub(tk.start_col + 1, tk.end_col) == want_text) then return tk end
    end
  end
  -- operator_at_amp(what): waits for an operator token exactly on line 4's &&.
  local function operator_at_amp(what)
    local amp = col(b, 3, '&&')
    if not vim.wait(10000, function() return token(3, amp, 'operator', '&&') ~= nil end, 50) then
      local seen = {}
      for _, tk in ipairs(st.get_at_pos(b, 3, amp) or {}) do
        table.insert(seen, string.format('%s %d-%d %q', tk.type, tk.start_col, tk.end_col, line_of(b, 3):sub(tk.start_col + 1, tk.end_col)))
      end
      error(what .. ': no operator token on && (byte ' .. amp .. ' of line 4): ' .. table.concat(seen, ', '))
    end
  end
  if st and st.get_at_pos then check('vim.lsp.semantic_tokens is active on the buffer and has && after é as an operator', function()
    if st.is_enabled then eq(st.is_enabled({ bufnr = b }), true, 'semantic_tokens.is_enabled') end
    operator_at_amp('on open')
    if not token(4, col(b, 4, 'ls'), 'function') then error('no function token on ls (continuation line)') end
  end) end

  -- 6. Signature help.
  check('signatureHelp inside --mount= of a RUN is the mount signature', function()
    local s = request(b, 'textDocument/signatureHelp', at(b, 7, 'type=bind', 6))
    if not (s and s.signatures and #s.signatures > 0) then error('no signature: ' .. vim.inspect(s)) end
    local sig = s.signatures[(s.activeSignature or 0) + 1]
    if not sig.label:find('--mount=type=bind', 1, true) then error('active signature ' .. sig.label) end
    local p = sig.parameters and sig.parameters[(s.activeParameter or sig.activeParameter or 0) + 1]
    local plabel = p and (type(p.label) == 'table' and sig.label:sub(p.label[1] + 1, p.label[2]) or p.label)
    eq(plabel, 'type=bind', 'active parameter')
  end)

  -- 7. Symbols.
  check('documentSymbol lists the # syntax= directive first', function()
    local syms = request(b, 'textDocument/documentSymbol', { textDocument = { uri = vim.uri_from_bufnr(b) } }) or {}
    local first = syms[1] or {}
    eq(first.name, 'syntax', 'first symbol')
    eq(first.detail, 'docker/dockerfile:1', 'its detail')
    eq(first.kind, vim.lsp.protocol.SymbolKind.Property, 'its kind')
    eq(text(b, first.selectionRange or first.location.range), '1:syntax', 'its selection')
  end)

  -- 1. Rename, applied by Neovim; back again through vim.lsp.buf.rename from a use.
  -- Each rename starts from LINES, whatever an earlier failure left.
  local function fresh()
    vim.api.nvim_set_current_buf(b)
    if table.concat(vim.api.nvim_buf_get_lines(b, 0, -1, false), '\n') ~= table.concat(LINES, '\n') then
      vim.api.nvim_buf_set_lines(b, 0, -1, false, LINES)
    end
  end
  local function rename_back(row, needle, k, name, want, what)
    vim.api.nvim_win_set_cursor(0, { row + 1, col(b, row, needle, k) })
    vim.lsp.buf.rename(name, { name = 'dockerfile_ls' })
    local target = table.concat(want, '\n')
    vim.wait(5000, function() return table.concat(vim.api.nvim_buf_get_lines(b, 0, -1, false), '\n') == target end, 50)
    buffer_is(b, want, what)
  end
  check('rename from AS base edits FROM, COPY --from and from= (apply_workspace_edit); vim.lsp.buf.rename from from= restores', function()
    fresh()
    local p = at(b, 1, 'base', 2)
    p.newName = 'root'
    local edit = request(b, 'textDocument/rename', p)
    if not edit then error('no edit') end
    vim.lsp.util.apply_workspace_edit(edit, enc)
    buffer_is(b, with(LINES, { 2, 6, 7, 8 }, 'base', 'root'), 'buffer after the rename')
    rename_back(7, 'from=root', 5, 'base', LINES, 'buffer after renaming back from from=root')
  end)

  check('rename from ARG VER edits both $VER uses (after é 🐳), semantic tokens follow; vim.lsp.buf.rename from $VER restores', function()
    fresh()
    local p = at(b, 2, 'VER')
    p.newName = 'VERSION'
    local edit = request(b, 'textDocument/rename', p)
    if not edit then error('no edit') end
    vim.lsp.util.apply_workspace_edit(edit, enc)
    buffer_is(b, with(LINES, { 3, 4, 5 }, 'VER', 'VERSION'), 'buffer after the rename')
    -- Neovim's highlighter re-asks (0.12: full/delta) after the edit moved && by 4 bytes.
    if st and st.get_at_pos then operator_at_amp('after the rename') end
    rename_back(3, '$VERSION', 3, 'VER', LINES, 'buffer after renaming back from $VERSION')
  end)

  -- 4. A message that says what to do.
  check('RUN before the first FROM: the diagnostic says RUN needs a FROM above it', function()
    local nb = open('before.Dockerfile', { 'RUN echo', 'FROM alpine' })
    local function first()
      for _, d in ipairs(vim.diagnostic.get(nb)) do if d.lnum == 0 then return d end end
    end
    if not vim.wait(10000, function() return first() ~= nil end, 50) then error('no diagnostic on line 1') end
    local d = first()
    -- the server's English and Russian texts (analysis/buildkit_errors_parse.go)
    if not (d.message:find('RUN needs a FROM above it', 1, true) or d.message:find('перед RUN нужна инструкция FROM', 1, true)) then
      error('message: ' .. d.message)
    end
    eq(line_of(nb, 0):sub(d.col + 1, d.end_col), 'RUN', 'text under the diagnostic')
  end)

  -- 5. Completion.
  local function labels(nb, row, c)
    local r = request(nb, 'textDocument/completion', at(nb, row, c))
    local list = {}
    for _, it in ipairs((r and r.items) or r or {}) do list[it.label] = it end
    return list
  end
  check('completion after "COPY " offers --from= with the build context (src/)', function()
    vim.fn.mkdir(t.tmp .. '/src', 'p')
    vim.fn.writefile({ 'x' }, t.tmp .. '/src/main.go')
    local nb = open('copy.Dockerfile', { 'FROM alpine', 'COPY ' })
    local got = labels(nb, 1, 5)
    local from = got['--from']
    if not from then error('no --from in ' .. sorted(vim.tbl_keys(got))) end
    eq(from.textEdit and from.textEdit.newText or from.insertText, '--from=', '--from inserts')
    if not got['--chown'] then error('no --chown in ' .. sorted(vim.tbl_keys(got))) end
    if not got['src/'] then error('no src/ (an argument) in ' .. sorted(vim.tbl_keys(got))) end
  end)

  check('completion in an empty buffer offers FROM, ARG and directives only (no RUN)', function()
    local nb = open('empty.Dockerfile', {})
    local got = labels(nb, 0, 0)
    if not (got.FROM and got.ARG) then error('no FROM/ARG in ' .. sorted(vim.tbl_keys(got))) end
    for label in pairs(got) do
      local word = label:match('^%S+')
      if not (word == 'FROM' or word == 'ARG' or word == '#') then error('offered ' .. label .. ' in ' .. sorted(vim.tbl_keys(got))) end
    end
  end)
end
