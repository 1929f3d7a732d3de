-- dockerfile-ls on Neovim 0.7–0.10 with vim.lsp.start_client (no plugin).
-- Put this in init.lua. Needs `dockerfile-ls` on PATH:
-- `go install .` in a dockerfile-ls checkout (after a release: go install github.com/dockerfile-ls/dockerfile-ls@latest)
-- (On 0.8+ `vim.lsp.start` is shorter; this form also runs on 0.7.)

local settings = { ['dockerfile-ls'] = { locale = 'auto', diagnostics = true, context = '' } }
local client_id -- one server for the whole session

local function attach(bufnr)
  if not client_id or not vim.lsp.get_client_by_id(client_id) then
    local root = vim.fn.getcwd()
    client_id = vim.lsp.start_client({
      name = 'dockerfile_ls',
      cmd = { 'dockerfile-ls', '--stdio' },
      root_dir = root,
      init_options = settings,
      settings = settings,
      -- What Neovim 0.10+ does by itself on attach: K = hover, <C-x><C-o> =
      -- completion, <C-]> = definition (unless you set them yourself).
      on_attach = function(_, buf)
        if vim.fn.has('nvim-0.10') == 1 then return end
        if vim.bo[buf].omnifunc == '' then vim.bo[buf].omnifunc = 'v:lua.vim.lsp.omnifunc' end
        if vim.bo[buf].tagfunc == '' then vim.bo[buf].tagfunc = 'v:lua.vim.lsp.tagfunc' end
        if vim.fn.maparg('K', 'n') == '' then vim.keymap.set('n', 'K', vim.lsp.buf.hover, { buffer = buf }) end
      end,
    })
    if not client_id then
      vim.notify('dockerfile-ls failed to start; is it on PATH?', vim.log.levels.ERROR)
      return
    end
  end
  vim.lsp.buf_attach_client(bufnr, client_id)
end

vim.cmd([[
  augroup dockerfile_ls_filetype
    autocmd!
    autocmd BufNewFile,BufRead Containerfile,*.Dockerfile,*.dockerfile,Dockerfile.*,Containerfile.* setfiletype dockerfile
  augroup END
]])
vim.api.nvim_create_autocmd('FileType', {
  pattern = 'dockerfile',
  callback = function(args)
    attach(args.buf)
  end,
})
