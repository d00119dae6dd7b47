"""Reports of one trace (`TraceResult`), all from the same object and in the same edit order.

- `unspun.report.json.trace_to_dict(result)` / `trace_to_json(result)`: versioned JSON
  (schema in `unspun.report.schema`, documented in docs/json-schema.md);
- `unspun.report.terminal.render_terminal(result, console)` / `trace_to_text(result)`: Rich;
- `unspun.report.html.render_html(result)`: one self-contained page, texts side by side;
- `unspun.report.output.emit(result, console, as_json=, html_file=)`: what `trace` and `diff`
  call for `--json` / `--html FILE` / the terminal view.

Submodules are imported on demand so a JSON-only caller does not pay for the others.
"""
