-- Headless Neovim test for dockerfile-ls: opens a Dockerfile, lets one of
-- the configurations in this folder attach the real server, asks for hover
-- and completion with vim.lsp.buf_request_sync, reads vim.diagnostic.get(),
-- and runs test/parity.lua (navigation, rename, heredocs, error ranges,
-- messages, completion, signature help, symbols, semantic tokens).
--
--   nvim --headless -u NONE -i NONE -n -c 'luafile test/test.lua'
--
-- Environment: DLS_NVIM_DIR = editors/neovim, DLS_MODE = one of
--   module          require('dockerfile_ls').setup() (picks the API itself)
--   module-legacy   require('dockerfile_ls').setup({ api = 'start_client' })
--   example-0.11    examples/nvim-0.11.lua (vim.lsp.config + enable)
--   example-legacy  examples/legacy.lua (vim.lsp.start_client)
--   runtime-lsp     lsp/dockerfile_ls.lua on runtimepath + vim.lsp.enable
--   settings-off    module with settings = { diagnostics = false }
--   utf-32          examples/nvim-0.11.lua, the client offering only utf-32
--                   (0.7 negotiates utf-16, 0.12 utf-8: all three are run)
-- `dockerfile-ls` must be on PATH. EDITORS_STRICT=1 fails instead of
-- skipping checks whose server feature has not landed.
-- Prints one line per check and "N passed, N failed, N skipped"; exits
-- non-zero when a check failed.

local dir = assert(os.getenv('DLS_NVIM_DIR'), 'DLS_NVIM_DIR not set')
local mode = os.getenv('DLS_MODE') or 'module'
local strict = os.getenv('EDITORS_STRICT') == '1'
local has = function(v) return vim.fn.has('nvim-' .. v) == 1 end
local version = vim.version and vim.version() or { major = 0, minor = 0, patch = 0 }
local tag = string.format('nvim %d.%d.%d %s', version.major, version.minor, version.patch, mode)

local counts = { passed = 0, failed = 0, skipped = 0 }
local function out(s) io.stdout:write(s .. '\n') end
local SKIP, TODO = {}, {}
local function skip(reason) error({ [SKIP] = reason }, 0) end
-- A known bug outside the client configuration: reported, counted with the
-- skipped ones, and a failure under EDITORS_STRICT=1.
local function todo(reason)
  if strict then error(reason, 0) end
  error({ [TODO] = reason }, 0)
end
local function check(name, fn)
  local ok, err = pcall(fn)
  if ok then
    counts.passed = counts.passed + 1
    out('ok - ' .. tag .. ': ' .. name)
  elseif type(err) == 'table' and err[SKIP] then
    counts.skipped = counts.skipped + 1
    out('skip - ' .. tag .. ': ' .. name .. ' (' .. err[SKIP] .. ')')
  elseif type(err) == 'table' and err[TODO] then
    counts.skipped = counts.skipped + 1
    out('todo - ' .. tag .. ': ' .. name .. ' (' .. err[TODO] .. ')')
  else
    counts.failed = counts.failed + 1
    out('not ok - ' .. tag .. ': ' .. name .. ': ' .. tostring(type(err) == 'table' and vim.inspect(err) or err))
  end
  return ok
end
local function finish()
  out(string.format('%d passed, %d failed, %d skipped', counts.passed, counts.failed, counts.skipped))
  io.stdout:flush()
  if counts.failed > 0 then vim.cmd('cquit 1') else vim.cmd('qall!') end
end
local function eq(got, want, what)
  if got ~= want then error(string.format('%s: got %s, want %s', what, vim.inspect(got), vim.inspect(want)), 2) end
end

local ok_all, err_all = pcall(function()
  vim.opt.runtimepath:prepend(dir)
  vim.cmd('filetype on')
  vim.cmd('syntax on') -- as in a user's Neovim: hover floats render markdown only with syntax on
  vim.o.showmode = false
  vim.opt.shortmess:append('c')

  -- The configuration under test.
  local api_used
  if mode == 'module' then
    api_used = require('dockerfile_ls').setup({ settings = { locale = 'en' } })
  elseif mode == 'module-legacy' then
    api_used = require('dockerfile_ls').setup({ api = 'start_client' })
  elseif mode == 'settings-off' then
    api_used = require('dockerfile_ls').setup({ settings = { diagnostics = false } })
  elseif mode == 'example-0.11' then
    vim.cmd('luafile ' .. dir .. '/examples/nvim-0.11.lua'); api_used = 'config'
  elseif mode == 'example-legacy' then
    vim.cmd('luafile ' .. dir .. '/examples/legacy.lua'); api_used = 'start_client'
  elseif mode == 'utf-32' then
    vim.lsp.config('dockerfile_ls', { capabilities = { general = { positionEncodings = { 'utf-32' } } } })
    vim.cmd('luafile ' .. dir .. '/examples/nvim-0.11.lua'); api_used = 'config'
  elseif mode == 'runtime-lsp' then
    vim.lsp.enable('dockerfile_ls'); api_used = 'config'
  else
    error('unknown DLS_MODE ' .. mode)
  end
  out('# ' .. tag .. ' uses ' .. tostring(api_used))

  local tmp = vim.fn.tempname()
  vim.fn.mkdir(tmp, 'p')
  local lines = { 'FROM alpine as build', 'MAINTAINER someone', '', 'RUN echo hi' }
  vim.fn.writefile(lines, tmp .. '/Dockerfile')
  vim.cmd('edit ' .. tmp .. '/Dockerfile')
  local buf = vim.api.nvim_get_current_buf()

  check('a file named Dockerfile gets filetype dockerfile', function()
    eq(vim.bo[buf].filetype, 'dockerfile', 'filetype')
  end)

  local function clients_for(b)
    if vim.lsp.get_clients then return vim.lsp.get_clients({ bufnr = b }) end
    local list = {}
    for _, c in pairs(vim.lsp.buf_get_clients(b)) do table.insert(list, c) end
    return list
  end
  local function ours(b)
    for _, c in ipairs(clients_for(b)) do
      if c.name == 'dockerfile_ls' then return c end
    end
  end

  local client
  local attached = check('the server attaches and initializes', function()
    local okw = vim.wait(10000, function()
      local c = ours(buf)
      return c ~= nil and c.server_capabilities ~= nil and next(c.server_capabilities) ~= nil
        and (c.initialized == nil or c.initialized)
    end, 50)
    if not okw then error('no initialized dockerfile_ls client on the buffer within 10 s') end
    client = ours(buf)
    if client.server_info then eq(client.server_info.name, 'dockerfile-ls', 'serverInfo.name') end
    local sync = client.server_capabilities.textDocumentSync
    eq(type(sync) == 'table' and sync.change or sync, 2, 'textDocumentSync.change (incremental)')
  end)
  if not attached then return end

  check('a position encoding was negotiated', function()
    local enc = client.offset_encoding
    if not (enc == 'utf-8' or enc == 'utf-16' or enc == 'utf-32') then error('offset_encoding ' .. tostring(enc)) end
    out('# offset_encoding ' .. enc)
    if mode == 'utf-32' then eq(enc, 'utf-32', 'offset_encoding when only utf-32 is offered') end
  end)

  local function diag_code(d)
    return d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
  end
  local function find(diags, code)
    for _, d in ipairs(diags) do if diag_code(d) == code then return d end end
  end

  if mode == 'settings-off' then
    check('diagnostics = false (init_options) publishes nothing', function()
      vim.wait(1500, function() return #vim.diagnostic.get(buf) > 0 end, 50)
      eq(#vim.diagnostic.get(buf), 0, 'diagnostics with diagnostics = false')
    end)
    check('didChangeConfiguration diagnostics = true brings them back', function()
      local section = { locale = 'auto', diagnostics = true, context = '' }
      local params = { settings = { ['dockerfile-ls'] = section } }
      -- As a user does: change the client's settings, then notify. Neovim
      -- answers the server's workspace/configuration pull (which follows
      -- didChangeConfiguration) from them; 0.7 does not pull.
      if client.settings then client.settings = params.settings end
      if client.config then client.config.settings = params.settings end
      if has('0.11') then
        client:notify('workspace/didChangeConfiguration', params)
      else
        client.notify('workspace/didChangeConfiguration', params)
      end
      -- an edit makes the server recompute (a pull client re-pulls on change too)
      vim.api.nvim_buf_set_lines(buf, 3, 4, false, { 'RUN echo hello' })
      local okw = vim.wait(10000, function() return find(vim.diagnostic.get(buf), 'MaintainerDeprecated') ~= nil end, 50)
      if not okw then error('no diagnostics after re-enabling: ' .. vim.inspect(vim.diagnostic.get(buf))) end
    end)
  else
    check('vim.diagnostic.get() has MaintainerDeprecated and FromAsCasing', function()
      local okw = vim.wait(10000, function()
        local ds = vim.diagnostic.get(buf)
        return find(ds, 'MaintainerDeprecated') ~= nil and find(ds, 'FromAsCasing') ~= nil
      end, 50)
      local ds = vim.diagnostic.get(buf)
      if not okw then error('diagnostics: ' .. vim.inspect(ds)) end
      local m = find(ds, 'MaintainerDeprecated')
      eq(m.severity, vim.diagnostic.severity.WARN, 'severity')
      eq(m.source, 'buildkit', 'source')
      eq(m.lnum, 1, 'lnum'); eq(m.col, 0, 'col'); eq(m.end_col, 10, 'end_col')
      local f = find(ds, 'FromAsCasing')
      eq(f.lnum, 0, 'FromAsCasing lnum'); eq(f.col, 12, 'FromAsCasing col')
    end)
  end

  local function needs(cap, what)
    if client.server_capabilities[cap] then return end
    local msg = 'server does not advertise ' .. cap .. ' yet (' .. what .. ' not landed)'
    if strict then error(msg) end
    skip(msg)
  end
  local function pos(line, character)
    return { textDocument = { uri = vim.uri_from_bufnr(buf) }, position = { line = line, character = character } }
  end
  -- request_on(b, method, params): the first non-nil result of a request
  -- on buffer b (parity.lua uses it too).
  local function request_on(b, method, params)
    local res, err = vim.lsp.buf_request_sync(b, method, params, 5000)
    if not res then error(method .. ': ' .. tostring(err)) end
    for _, r in pairs(res) do
      if r.err then error(method .. ' error: ' .. vim.inspect(r.err)) end
      if r.result ~= nil then return r.result end
    end
    return nil
  end
  local function request(method, params) return request_on(buf, method, params) end

  check('hover on FROM is markdown that mentions FROM', function()
    needs('hoverProvider', 'hover')
    local h = request('textDocument/hover', pos(0, 1))
    if not h then error('hover returned nothing') end
    eq(type(h.contents), 'table', 'contents type')
    eq(h.contents.kind, 'markdown', 'contents.kind')
    if not tostring(h.contents.value):find('FROM', 1, true) then error('no FROM in ' .. h.contents.value) end
  end)

  check('completion on the empty line after FROM offers RUN and COPY', function()
    needs('completionProvider', 'completion')
    local r = request('textDocument/completion', pos(2, 0))
    local items = (r and r.items) or r or {}
    local labels = {}
    for _, it in ipairs(items) do labels[it.label] = true end
    if not labels.RUN or not labels.COPY then error('labels: ' .. vim.inspect(vim.tbl_keys(labels))) end
  end)


  -- Keys typed as a user types them: nvim_input queues them, and Neovim
  -- reads them only from its main loop, so these checks return to it and poll.
  check('attach set omnifunc and tagfunc (Neovim 0.10+ itself, older through setup())', function()
    eq(vim.bo[buf].omnifunc, 'v:lua.vim.lsp.omnifunc', 'omnifunc')
    eq(vim.bo[buf].tagfunc, 'v:lua.vim.lsp.tagfunc', 'tagfunc')
  end)

  if mode == 'module' then
    check("setup()'s defaults keep the user's own K, omnifunc and keywordprg", function()
      local m = require('dockerfile_ls')
      local fake = { server_capabilities = { hoverProvider = true, completionProvider = {}, definitionProvider = true } }
      local b = vim.api.nvim_create_buf(true, false)
      vim.bo[b].omnifunc = 'syntaxcomplete#Complete'
      vim.api.nvim_buf_set_keymap(b, 'n', 'K', ':echo "mine"<CR>', {})
      m.set_defaults(fake, b)
      eq(vim.bo[b].omnifunc, 'syntaxcomplete#Complete', 'omnifunc kept')
      eq(vim.api.nvim_buf_call(b, function() return vim.fn.maparg('K', 'n') end), ':echo "mine"<CR>', 'K kept')
      if not has('0.10') then eq(vim.bo[b].tagfunc, 'v:lua.vim.lsp.tagfunc', 'tagfunc set') end
      local b2 = vim.api.nvim_create_buf(true, false)
      vim.bo[b2].keywordprg = 'mydoc'
      m.set_defaults(fake, b2)
      eq(vim.api.nvim_buf_call(b2, function() return vim.fn.maparg('K', 'n') end), '', 'no K over a keywordprg of your own')
      vim.api.nvim_buf_delete(b, { force = true }); vim.api.nvim_buf_delete(b2, { force = true })
    end)
  end

  local function floats()
    local list = {}
    for _, w in ipairs(vim.api.nvim_list_wins()) do
      if vim.api.nvim_win_get_config(w).relative ~= '' then table.insert(list, w) end
    end
    return list
  end
  local steps = {}
  -- typed(name, keys, ready, verify): types keys, waits up to 10 s for
  -- ready(), then checks verify() (which may read what ready returned).
  local function typed(name, keys, ready, verify)
    table.insert(steps, function(next_step)
      local t0 = vim.loop.now()
      local got
      local function tick()
        local okr, r = pcall(ready)
        if okr and r then got = r end
        if got or vim.loop.now() - t0 > 10000 then
          check(name, function()
            if not got then error('nothing after typing ' .. keys .. ' for 10 s' .. (okr and '' or (': ' .. tostring(r)))) end
            verify(got)
          end)
          return next_step()
        end
        vim.defer_fn(tick, 50)
      end
      if type(keys) == 'function' then keys = keys() end
      vim.api.nvim_input(keys)
      vim.defer_fn(tick, 50)
    end)
  end

  typed('K on FROM shows the hover in a floating window, rendered', function()
    vim.api.nvim_set_current_buf(buf)
    vim.api.nvim_win_set_cursor(0, { 1, 1 })
    return 'K'
  end, function() return floats()[1] end, function(win)
    local fb = vim.api.nvim_win_get_buf(win)
    local text = table.concat(vim.api.nvim_buf_get_lines(fb, 0, -1, false), '\n')
    if not text:find('FROM [--platform=', 1, true) then error('float text: ' .. text) end
    if has('0.10') then
      -- markdown through tree-sitter: needs the markdown parser on the runtimepath
      eq(vim.bo[fb].filetype, 'markdown', 'float filetype')
      if not vim.treesitter.highlighter.active[fb] then error('no tree-sitter highlighter on the hover float') end
    elseif text:find('```', 1, true) then
      error('code fences left in the float (not rendered): ' .. text)
    end
    out('# hover float: ' .. text:match('^[^\n]*'))
    vim.api.nvim_win_close(win, true)
  end)

  typed('<C-x><C-o> on the empty line lists RUN and COPY', function()
    vim.api.nvim_win_set_cursor(0, { 3, 0 })
    return 'i<C-x><C-o>'
  end, function()
    local items = vim.fn.complete_info({ 'items' }).items
    return #items > 0 and items
  end, function(items)
    local words = {}
    for _, it in ipairs(items) do words[vim.trim(it.word)] = true end -- the word is the insert text: 'RUN '
    if not words.RUN or not words.COPY then error('completion words: ' .. vim.inspect(vim.tbl_keys(words))) end
    out('# omni completion: ' .. #items .. ' items')
  end)

  typed('<Esc> ends the completion and insert mode', '<C-e><Esc>', function()
    return vim.fn.mode() == 'n'
  end, function()
    eq(vim.api.nvim_buf_get_lines(buf, 2, 3, false)[1], '', 'line 3 after <C-e>')
  end)

  local stage_buf
  typed('<C-]> on a --from stage name jumps to its FROM (tagfunc)', function()
    vim.fn.writefile({ 'FROM alpine AS base', 'FROM base', 'COPY --from=base /x /y' }, tmp .. '/tag.Dockerfile')
    vim.cmd('edit ' .. tmp .. '/tag.Dockerfile')
    stage_buf = vim.api.nvim_get_current_buf()
    vim.wait(5000, function() return ours(stage_buf) ~= nil end, 50)
    vim.api.nvim_win_set_cursor(0, { 3, 13 })
    return '<C-]>'
  end, function()
    local c = vim.api.nvim_win_get_cursor(0)
    return vim.api.nvim_get_current_buf() == stage_buf and c[1] == 1 and c
  end, function(c)
    eq(c[1], 1, 'line after <C-]>')
  end)

  -- The checks after the typed ones.
  local function rest()
    if mode ~= 'settings-off' then
      check('editing the buffer (didChange) updates diagnostics', function()
        vim.api.nvim_buf_set_lines(buf, 1, 2, false, {}) -- delete the MAINTAINER line
        local okw = vim.wait(10000, function()
          local ds = vim.diagnostic.get(buf)
          return find(ds, 'MaintainerDeprecated') == nil and find(ds, 'FromAsCasing') ~= nil
        end, 50)
        if not okw then error('after the edit: ' .. vim.inspect(vim.diagnostic.get(buf))) end
      end)
    end

    -- Issue 10's everyday behaviours through this client (test/parity.lua).
    dofile(dir .. '/test/parity.lua')({
      check = check, eq = eq, out = out, client = client, ours = ours, tmp = tmp, request = request_on,
    })

    check('Containerfile, *.Dockerfile, *.dockerfile, Dockerfile.*, Containerfile.* are dockerfile and attach', function()
      local bad = {}
      for _, name in ipairs({ 'Containerfile', 'app.Dockerfile', 'app.dockerfile', 'Dockerfile.dev', 'Containerfile.prod' }) do
        vim.fn.writefile({ 'FROM alpine' }, tmp .. '/' .. name)
        vim.cmd('edit ' .. tmp .. '/' .. name)
        local b = vim.api.nvim_get_current_buf()
        if vim.bo[b].filetype ~= 'dockerfile' then
          table.insert(bad, name .. ' -> ' .. vim.bo[b].filetype)
        elseif not vim.wait(5000, function() return ours(b) ~= nil end, 50) then
          table.insert(bad, name .. ': no client')
        end
      end
      if #bad > 0 then error(table.concat(bad, ', ')) end
    end)

    check('stopping the client ends the server', function()
      local id = client.id
      local function stop(force)
        if has('0.11') then client:stop(force) else client.stop(force) end
      end
      local function gone()
        return vim.wait(3000, function() return vim.lsp.get_client_by_id(id) == nil end, 50)
      end
      stop(false)
      if gone() then return end
      stop(true)
      if not gone() then error('client still there 3 s after stop(true)') end
      -- The server answered shutdown but did not exit on the exit notification
      -- while Neovim kept its stdin open (seen with 0.7): a server bug.
      todo('server still running 3 s after shutdown+exit; ended by stop(true)')
    end)
  end

  local function run_steps(i)
    if i > #steps then
      -- Back to the first Dockerfile: Neovim 0.12 pulls diagnostics for the buffer in view.
      vim.api.nvim_set_current_buf(buf)
      local okr, errr = pcall(rest)
      if not okr then counts.failed = counts.failed + 1; out('not ok - ' .. tag .. ': test script error: ' .. tostring(errr)) end
      return finish()
    end
    steps[i](function() run_steps(i + 1) end)
  end
  vim.schedule(function() run_steps(1) end)
  return 'async'
end)

if not ok_all then
  counts.failed = counts.failed + 1
  out('not ok - ' .. tag .. ': test script error: ' .. tostring(err_all))
end
if err_all ~= 'async' then finish() end -- else the typed checks finish
