"""Python analysis, one module per decision (the analyzer entry is `flasklint.analyzers.python`).

- `prefilter`: which files can hold anything a rule looks for (`may_matter`), and
  the app facts of those that cannot (`screen_facts`).
- `parsing`: Python of any version into an `ast` tree (LibCST fallback,
  prefix of a broken file).
- `walker`: the single `ast` pass that records scopes, bindings, calls and
  attribute assignments.
- `values`: what a name is bound to and what an expression evaluates to: how
  `host`, `debug` and app receivers are resolved. Never imports scanned code.
- `rules/`: the FL101-FL106 decisions, their messages and fix plans, one module per rule family.
- `facts`: what a file tells the project pass and the deployment model.
- `crossfile`: config modules and imported constants resolved across files
  (called by `flasklint.deployment.project.link`).
- `changes`: what a fix plan asks for (replace, remove, wrap), shared by the rules and both builders.
- `fixes`: LibCST rewrites that turn fix plans into edits, over the few lines `pyfixwindow` picks;
  `plainfixes`: the plainest changes, built without LibCST.
"""
