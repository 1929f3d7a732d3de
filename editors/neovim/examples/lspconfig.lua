-- dockerfile-ls for nvim-lspconfig users.
--
-- nvim-lspconfig has no entry for dockerfile-ls (its `dockerls` is a
-- different server), so register one. Needs `dockerfile-ls` on PATH:
-- `go install .` in a dockerfile-ls checkout (after a release: go install github.com/dockerfile-ls/dockerfile-ls@latest)

local settings = { locale = 'auto', diagnostics = true, context = '' }

if vim.fn.has('nvim-0.11') == 1 then
  -- nvim-lspconfig 2.x on Neovim 0.11+ is a collection of vim.lsp.config
  -- files; a server it lacks is added the same way.
  vim.lsp.config('dockerfile_ls', {
    cmd = { 'dockerfile-ls', '--stdio' },
    filetypes = { 'dockerfile' },
    root_markers = { 'Dockerfile', 'Containerfile', '.git' },
    init_options = { ['dockerfile-ls'] = settings },
    settings = { ['dockerfile-ls'] = settings },
  })
  vim.lsp.enable('dockerfile_ls')
else
  -- nvim-lspconfig 0.1.x / 1.x on Neovim 0.7–0.10.
  local configs = require('lspconfig.configs')
  local util = require('lspconfig.util')
  if not configs.dockerfile_ls then
    configs.dockerfile_ls = {
      default_config = {
        cmd = { 'dockerfile-ls', '--stdio' },
        filetypes = { 'dockerfile' },
        root_dir = util.root_pattern('Dockerfile', 'Containerfile', '.git'),
        single_file_support = true,
        init_options = { ['dockerfile-ls'] = settings },
        settings = { ['dockerfile-ls'] = settings },
      },
      docs = {
        description = 'dockerfile-ls: https://github.com/dockerfile-ls/dockerfile-ls',
      },
    }
  end
  require('lspconfig').dockerfile_ls.setup({
    -- on_attach = function(client, bufnr) … end,
    -- capabilities = require('cmp_nvim_lsp').default_capabilities(),
  })
end
