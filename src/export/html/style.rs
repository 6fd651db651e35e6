//! The report's only style sheet, inlined into the page: a blue scale for
//! staffing at or above target, orange for shortfall (safe for the common
//! colour-vision deficiencies, and never the only signal), and a print layout.

pub(super) const CSS: &str = r#"
:root { --ink: #1b1b1b; --muted: #666; --line: #c8c8c8; --short: #e66101; --c0: #deebf7; --c1: #9ecae1; --c2: #3182bd; --bar: #2b6cb0; --night: #0b2e59; --hold: #e66101; }
* { box-sizing: border-box; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font: 13px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); margin: 16px 20px; background: #fff; }
h1 { font-size: 20px; margin: 0 0 8px; }
h2 { font-size: 16px; margin: 18px 0 6px; border-bottom: 1px solid var(--line); }
h3 { font-size: 14px; margin: 12px 0 4px; }
code { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 12px; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 0; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
.warn { color: #a63c00; }
.ok { color: #08519c; font-weight: 600; }
ol.gaps { margin: 4px 0; padding-left: 28px; }
ol.gaps li { color: #a63c00; }
.legend { color: var(--muted); font-size: 12px; }
.key { display: inline-block; min-width: 30px; height: 16px; vertical-align: middle; margin: 0 2px 0 8px; text-align: center; font-size: 10px; line-height: 16px; border: 1px solid var(--line); }
table { border-collapse: collapse; }
table.heat { margin: 6px 0 12px; table-layout: fixed; width: 100%; max-width: 1360px; break-inside: avoid; }
table.heat caption { text-align: left; font-weight: 600; padding: 2px 0; }
table.heat th { font-size: 10px; font-weight: 600; color: var(--muted); padding: 1px; }
table.heat tbody th { text-align: right; padding-right: 6px; width: 64px; white-space: nowrap; }
td.cell, span.cell { font: 10px/1 ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; text-align: center; height: 20px; border: 1px solid #fff; padding: 0; white-space: nowrap; overflow: hidden; }
.cell.c0 { background: var(--c0); }
.cell.c1 { background: var(--c1); }
.cell.c2 { background: var(--c2); color: #fff; font-weight: 600; }
.cell.idle { background: #fafafa; color: #999; }
.cell.short { background: var(--short) repeating-linear-gradient(45deg, transparent 0 3px, rgba(255,255,255,.25) 3px 5px); color: #000; font-weight: 700; outline: 1px solid #7f3600; outline-offset: -1px; }
.cell.out { background: #f0f0f0; color: #aaa; }
.cell.skip { background: repeating-linear-gradient(-45deg, #ddd 0 2px, #fff 2px 5px); color: #555; }
.timeline { max-width: 1360px; }
.axis, .agent-row { display: flex; align-items: stretch; }
.agent-row { border-top: 1px solid #eee; break-inside: avoid; }
.name { flex: 0 0 170px; padding: 2px 6px 2px 0; font-weight: 600; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.name small { display: block; white-space: normal; line-height: 1.15; font-weight: 400; color: var(--muted); font-size: 10px; }
.track { position: relative; flex: 1 1 auto; height: 34px; background-image: linear-gradient(to right, #e4e4e4 1px, transparent 1px); }
.axis .track { height: 28px; background: none; }
.axis .name { color: var(--muted); font-weight: 400; }
.day { position: absolute; top: 0; font-size: 9px; line-height: 12px; text-align: center; color: var(--muted); overflow: hidden; }
.day.we { color: var(--ink); font-weight: 700; }
.track > .edge { position: absolute; top: 0; bottom: 0; background: repeating-linear-gradient(45deg, #eee 0 3px, #fff 3px 6px); }
.track > .bar { position: absolute; top: 5px; height: 16px; background: var(--bar); border: 1px solid #123a66; border-radius: 2px; }
.track > .bar.night { background: var(--night) repeating-linear-gradient(90deg, transparent 0 3px, rgba(255,255,255,.35) 3px 4px); border-color: #000; }
.track > .hold { position: absolute; bottom: 2px; height: 5px; background: var(--hold); border: 1px solid #7f3600; }
.track > .off, .track > .comp { position: absolute; top: 3px; height: 20px; font-size: 9px; line-height: 18px; text-align: center; overflow: hidden; border: 1px dashed #777; color: #333; background: repeating-linear-gradient(45deg, #f3f3f3 0 3px, #fff 3px 6px); }
.track > .comp { border-style: solid; border-color: #a63c00; color: #a63c00; font-weight: 700; background: #fff3e8; }
.key.bar { background: var(--bar); min-width: 24px; height: 10px; }
.key.bar.night { background: var(--night); }
.key.hold { background: var(--hold); min-width: 24px; height: 5px; }
.key.off { background: #f3f3f3; border-style: dashed; }
.key.comp { background: #fff3e8; color: #a63c00; border-color: #a63c00; }
.key.edge { background: repeating-linear-gradient(45deg, #eee 0 3px, #fff 3px 6px); }
.strip { display: flex; max-width: 1360px; border: 1px solid var(--line); margin: 4px 0 8px; }
.period { flex-basis: 0; padding: 3px 4px; font-size: 11px; border-right: 1px solid #fff; background: #c6dbef; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.period:nth-child(even) { background: #9ecae1; }
.period.unfilled { background: var(--short); font-weight: 700; }
table.handoffs, table.ledger, table.fair { font-size: 12px; margin: 4px 0 10px; }
table.handoffs th, table.handoffs td, table.ledger th, table.ledger td, table.fair th, table.fair td { border: 1px solid var(--line); padding: 2px 6px; text-align: left; }
tr.warn td { color: #a63c00; font-weight: 600; }
.credits { font-size: 12px; color: var(--muted); max-width: 1360px; }
.fwrap { display: inline-block; width: 140px; height: 10px; border: 1px solid #8aa; vertical-align: middle; }
.fbar { display: block; height: 100%; background: var(--bar); }
footer { margin-top: 20px; color: var(--muted); font-size: 11px; }
@media print {
  @page { size: A4 landscape; margin: 10mm; }
  body { margin: 0; font-size: 9pt; }
  h2 { break-after: avoid; }
  table.heat, .agent-row, .strip, tr { break-inside: avoid; }
  #timelines, #oncall, #fairness { break-before: page; }
  td.cell { height: 14px; font-size: 7pt; border-color: #fff; }
  .legend { color: #000; }
}
"#;
