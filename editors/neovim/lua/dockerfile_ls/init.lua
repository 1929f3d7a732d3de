-- dockerfile-ls for Neovim: one module that works from Neovim 0.7 to 0.12+.
--
--   require('dockerfile_ls').setup({ settings = { locale = 'en' } })
--
-- picks the best API the running Neovim has:
--   0.11+      vim.lsp.config('dockerfile_ls', …) + vim.lsp.enable('dockerfile_ls')
--   0.8–0.10   vim.lsp.start() from a FileType autocmd
--   0.7        vim.lsp.start_client() + vim.lsp.buf_attach_client()
-- and makes every Dockerfile/Containerfile name open with filetype=dockerfile.
local M = {}

M.name = 'dockerfile_ls'

--- Server settings (the "dockerfile-ls" section): locale = auto|en|ru,
--- diagnostics = true|false, context = build context directory ('' = the
--- Dockerfile's directory).
M.default_settings = { locale = 'auto', diagnostics = true, context = '' }

M.root_markers = { 'Dockerfile', 'Containerfile', 'docker-compose.yml', 'compose.yaml', '.git' }

--- The names that get filetype=dockerfile (Neovim already knows most of them).
M.filetype_patterns = {
  filename = { Dockerfile = 'dockerfile', Containerfile = 'dockerfile', dockerfile = 'dockerfile' },
  pattern = {
    ['.*%.[Dd]ockerfile'] = 'dockerfile',
    ['Dockerfile%..*'] = 'dockerfile',
    ['Containerfile%..*'] = 'dockerfile',
  },
}

local function merge(a, b)
  return vim.tbl_deep_extend('force', {}, a or {}, b or {})
end

--- Sets the buffer-local defaults that Neovim 0.10+ sets itself when a server
--- attaches: K runs hover, 'omnifunc' (<C-x><C-o>) asks for completion,
--- 'tagfunc' (<C-]>) goes to the definition. Older Neovim leaves K on :Man and
--- 'omnifunc' empty. Each is set only where the server has the feature and
--- the user has not set it: a K mapping or a 'keywordprg' of one's own, a
--- non-empty 'omnifunc' or 'tagfunc' stay as they are. No-op on 0.10+.
function M.set_defaults(client, bufnr)
  if vim.fn.has('nvim-0.10') == 1 then
    return
  end
  local caps = client.server_capabilities or {}
  local bo = vim.bo[bufnr]
  if caps.completionProvider and bo.omnifunc == '' then
    bo.omnifunc = 'v:lua.vim.lsp.omnifunc'
  end
  if caps.definitionProvider and bo.tagfunc == '' then
    bo.tagfunc = 'v:lua.vim.lsp.tagfunc'
  end
  if caps.hoverProvider then
    local kp = bo.keywordprg ~= '' and bo.keywordprg or vim.o.keywordprg
    local default_kp = vim.api.nvim_get_option_info('keywordprg').default
    -- maparg sees the current buffer's mappings: ask from bufnr.
    local mapped = vim.api.nvim_buf_call(bufnr, function()
      return vim.fn.maparg('K', 'n') ~= ''
    end)
    if kp == default_kp and not mapped then
      vim.keymap.set('n', 'K', vim.lsp.buf.hover, { buffer = bufnr, desc = 'vim.lsp.buf.hover()' })
    end
  end
end

--- The client configuration, shared by every variant.
--- opts: cmd (list), settings (table), on_attach, capabilities.
function M.config(opts)
  opts = opts or {}
  local settings = merge(M.default_settings, opts.settings)
  local on_attach = function(client, bufnr)
    M.set_defaults(client, bufnr)
    if opts.on_attach then
      opts.on_attach(client, bufnr)
    end
  end
  return {
    name = M.name,
    cmd = opts.cmd or { 'dockerfile-ls', '--stdio' },
    filetypes = { 'dockerfile' },
    root_markers = M.root_markers,
    -- The server reads its settings from initializationOptions and from
    -- workspace/didChangeConfiguration, under the "dockerfile-ls" key.
    init_options = { ['dockerfile-ls'] = settings },
    settings = { ['dockerfile-ls'] = settings },
    on_attach = on_attach,
    capabilities = opts.capabilities,
  }
end

--- Adds the Dockerfile.*/Containerfile.* patterns to filetype detection.
function M.add_filetypes()
  if vim.fn.has('nvim-0.8') == 1 then
    vim.filetype.add(M.filetype_patterns)
  else -- 0.7: filetype.vim, not filetype.lua, does the detection
    vim.cmd([[
      augroup dockerfile_ls_filetype
        autocmd!
        autocmd BufNewFile,BufRead Dockerfile,Containerfile,*.Dockerfile,*.dockerfile,Dockerfile.*,Containerfile.* setfiletype dockerfile
      augroup END
    ]])
  end
end

local function find_root(fname, markers)
  local dir = vim.fn.fnamemodify(fname, ':p:h')
  if vim.fs and vim.fs.find and vim.fs.dirname then
    local found = vim.fs.find(markers, { path = dir, upward = true })[1]
    if found and vim.fn.fnamemodify(found, ':t') ~= vim.fn.fnamemodify(fname, ':t') then
      return vim.fs.dirname(found)
    end
  end
  for _, m in ipairs({ '.git' }) do
    local hit = vim.fn.finddir(m, dir .. ';')
    if hit ~= '' then
      return vim.fn.fnamemodify(hit, ':p:h:h')
    end
  end
  return dir
end

local legacy_clients = {} -- root dir -> client id (0.7 path)

--- Starts (or reuses) a client for buffer bufnr with vim.lsp.start_client.
--- Returns the client id. This is the path for Neovim 0.7.
function M.attach_legacy(bufnr, opts)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  local cfg = M.config(opts)
  local root = find_root(vim.api.nvim_buf_get_name(bufnr), cfg.root_markers)
  local id = legacy_clients[root]
  if not id or not vim.lsp.get_client_by_id(id) then
    id = vim.lsp.start_client({
      name = cfg.name,
      cmd = cfg.cmd,
      root_dir = root,
      workspace_folders = { { uri = vim.uri_from_fname(root), name = root } },
      init_options = cfg.init_options,
      settings = cfg.settings,
      on_attach = cfg.on_attach,
      capabilities = cfg.capabilities,
      on_init = function(client)
        client.notify('workspace/didChangeConfiguration', { settings = cfg.settings })
      end,
    })
    if not id then
      vim.notify('dockerfile-ls: could not start ' .. cfg.cmd[1]
        .. ' (install it: go install . in a dockerfile-ls checkout)', vim.log.levels.ERROR)
      return nil
    end
    legacy_clients[root] = id
  end
  vim.lsp.buf_attach_client(bufnr, id)
  return id
end

--- Sets everything up for the running Neovim. Returns the API used:
--- 'config' (0.11+), 'start' (0.8–0.10) or 'start_client' (0.7).
function M.setup(opts)
  opts = opts or {}
  M.add_filetypes()
  if vim.fn.executable((opts.cmd or { 'dockerfile-ls' })[1]) == 0 then
    vim.notify('dockerfile-ls: ' .. (opts.cmd or { 'dockerfile-ls' })[1]
      .. ' not found; install it with `go install .` in a dockerfile-ls checkout',
      vim.log.levels.WARN)
  end
  local api = opts.api
  if not api then
    if vim.lsp.config and vim.lsp.enable then
      api = 'config'
    elseif vim.lsp.start then
      api = 'start'
    else
      api = 'start_client'
    end
  end
  local cfg = M.config(opts)
  if api == 'config' then
    vim.lsp.config(M.name, {
      cmd = cfg.cmd,
      filetypes = cfg.filetypes,
      root_markers = cfg.root_markers,
      init_options = cfg.init_options,
      settings = cfg.settings,
      on_attach = cfg.on_attach,
      capabilities = cfg.capabilities,
    })
    vim.lsp.enable(M.name)
    return api
  end
  local group = vim.api.nvim_create_augroup('dockerfile_ls', { clear = true })
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = 'dockerfile',
    callback = function(args)
      if api == 'start' then
        vim.lsp.start({
          name = cfg.name,
          cmd = cfg.cmd,
          root_dir = find_root(vim.api.nvim_buf_get_name(args.buf), cfg.root_markers),
          init_options = cfg.init_options,
          settings = cfg.settings,
          on_attach = cfg.on_attach,
          capabilities = cfg.capabilities,
        }, { bufnr = args.buf })
      else
        M.attach_legacy(args.buf, opts)
      end
    end,
  })
  -- Buffers already open when setup() runs.
  for _, b in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(b) and vim.bo[b].filetype == 'dockerfile' then
      vim.api.nvim_exec_autocmds('FileType', { group = group, buffer = b, pattern = 'dockerfile' })
    end
  end
  return api
end

return M
