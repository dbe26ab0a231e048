-- Run by Tests/SPPCheckTests/LSPClientTests.swift in a folder holding rules.yaml (with the typo
-- `severty` on line 4), with docs/editors.md's Neovim set-up as init.lua: what the editor shows,
-- written to nvim-diagnostics.txt.
vim.cmd("edit rules.yaml")
vim.wait(20000, function() return #vim.diagnostic.get(0) > 0 end, 50)
local out = {}
for _, d in ipairs(vim.diagnostic.get(0)) do
  table.insert(out, string.format("rules.yaml:%d:%d: %s", d.lnum + 1, d.col + 1, d.message))
end
-- The typo fixed as a user would type it: the diagnostic goes.
vim.api.nvim_buf_set_lines(0, 3, 4, false, { "    severity: error" })
vim.wait(20000, function() return #vim.diagnostic.get(0) == 0 end, 50)
table.insert(out, "after the fix: " .. #vim.diagnostic.get(0) .. " diagnostics")
vim.fn.writefile(out, "nvim-diagnostics.txt")
vim.cmd("qa!")
