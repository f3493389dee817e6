/** The widget's whole stylesheet; it lives in the shadow root, so the host page neither sees nor overrides it. */
export const STYLES = `
:host { all: initial; }
* { box-sizing: border-box; }
.root {
  --accent: #3451d1; --accent-hover: #2a43b3; --ink: #1d2330; --muted: #5d6677; --line: #dfe3ea;
  --bg: #ffffff; --soft: #f3f5f9; --danger: #b42318;
  position: fixed; right: 20px; bottom: 20px; z-index: 2147483000;
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: var(--ink);
}
button, input, textarea { font: inherit; color: inherit; }
:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
.launcher {
  position: relative; width: 56px; height: 56px; border: 0; border-radius: 50%; cursor: pointer;
  background: var(--accent); color: #fff; box-shadow: 0 6px 20px rgba(20, 30, 60, .25);
  display: grid; place-items: center; margin-left: auto;
}
.launcher:hover { background: var(--accent-hover); }
.launcher svg { width: 26px; height: 26px; }
.badge {
  position: absolute; top: -2px; right: -2px; min-width: 20px; height: 20px; padding: 0 6px;
  border-radius: 10px; background: var(--danger); color: #fff; font-size: 12px; font-weight: 600;
  line-height: 20px; text-align: center;
}
.panel {
  position: absolute; right: 0; bottom: 72px; width: 360px; height: 540px;
  max-height: calc(100vh - 110px); display: flex; flex-direction: column; overflow: hidden;
  background: var(--bg); border: 1px solid var(--line); border-radius: 14px;
  box-shadow: 0 12px 40px rgba(20, 30, 60, .22);
}
.panel[hidden] { display: none; }
.header { display: flex; align-items: center; gap: 10px; padding: 12px 14px; background: var(--accent); color: #fff; }
.header h2 { margin: 0; font-size: 16px; font-weight: 600; }
.header .presence { font-size: 12px; opacity: .9; }
.header .titles { flex: 1; min-width: 0; }
.close { border: 0; background: transparent; color: #fff; width: 32px; height: 32px; border-radius: 8px; cursor: pointer; display: grid; place-items: center; }
.close:hover { background: rgba(255, 255, 255, .15); }
.close svg { width: 18px; height: 18px; }
.log { flex: 1; overflow-y: auto; margin: 0; padding: 14px; list-style: none; display: flex; flex-direction: column; gap: 8px; background: var(--soft); }
.bubble { max-width: 82%; padding: 8px 11px; border-radius: 12px; white-space: pre-wrap; overflow-wrap: anywhere; }
.files { display: grid; gap: 6px; margin-top: 6px; white-space: normal; }
.file { display: inline-flex; gap: 6px; align-items: baseline; color: inherit; text-decoration: underline; overflow-wrap: anywhere; }
.file img { display: block; max-width: 100%; max-height: 180px; border-radius: 8px; }
.file .size { font-size: 11px; color: var(--muted); text-decoration: none; }
.bubble .meta { display: block; margin-top: 3px; font-size: 11px; color: var(--muted); }
.out { align-self: flex-start; background: var(--bg); border: 1px solid var(--line); border-bottom-left-radius: 4px; }
.out .author { display: block; font-size: 12px; font-weight: 600; color: var(--muted); }
.in { align-self: flex-end; background: var(--accent); color: #fff; border-bottom-right-radius: 4px; }
.in .meta { color: rgba(255, 255, 255, .8); }
.in[data-status="pending"] { opacity: .7; }
.in[data-status="failed"] { background: #fff; color: var(--danger); border: 1px solid var(--danger); }
.in[data-status="failed"] .meta { color: var(--danger); }
.survey { width: 82%; white-space: normal; }
.survey-form { display: grid; gap: 8px; }
.survey-form p { margin: 0; }
.survey-form .question { font-weight: 600; }
.ratings { display: flex; gap: 6px; }
.rating {
  flex: 1; min-width: 0; height: 36px; border: 1px solid var(--line); border-radius: 8px;
  background: var(--bg); cursor: pointer; font-weight: 600;
}
.rating:hover:not(:disabled) { border-color: var(--accent); }
.rating[aria-pressed="true"] { background: var(--accent); border-color: var(--accent); color: #fff; }
.rating:disabled { cursor: default; opacity: .6; }
.rating[aria-pressed="true"]:disabled { opacity: 1; }
.survey-form .scale { font-size: 11px; color: var(--muted); }
.survey-form label { font-size: 12px; color: var(--muted); }
.survey-form textarea { resize: vertical; min-height: 38px; padding: 6px 8px; border: 1px solid var(--line); border-radius: 8px; background: #fff; }
.survey-form .button { justify-self: start; }
.survey-status { font-size: 12px; color: var(--muted); }
.survey-status:empty { display: none; }
.survey-status.error { color: var(--danger); }
.retry { border: 0; background: none; padding: 0; margin-left: 6px; color: inherit; text-decoration: underline; cursor: pointer; font-size: 11px; }
.typing { min-height: 20px; padding: 0 14px; font-size: 12px; color: var(--muted); background: var(--soft); }
.notice { padding: 8px 14px; font-size: 12px; color: var(--muted); border-top: 1px solid var(--line); }
.notice[hidden], .email[hidden], .status[hidden] { display: none; }
.status { padding: 6px 14px; font-size: 12px; background: #fff7e6; color: #7a4b00; }
.email { padding: 10px 14px; border-top: 1px solid var(--line); display: grid; gap: 6px; }
.email p { margin: 0; font-size: 13px; }
.email .row { display: flex; gap: 6px; }
.email input { flex: 1; min-width: 0; padding: 7px 9px; border: 1px solid var(--line); border-radius: 8px; background: #fff; }
.email .error { color: var(--danger); font-size: 12px; }
.button { border: 0; border-radius: 8px; padding: 7px 12px; background: var(--accent); color: #fff; cursor: pointer; font-weight: 600; }
.button:hover { background: var(--accent-hover); }
.composer { display: flex; align-items: flex-end; gap: 8px; padding: 10px; border-top: 1px solid var(--line); }
.composer textarea {
  flex: 1; resize: none; min-height: 38px; max-height: 120px; padding: 8px 10px;
  border: 1px solid var(--line); border-radius: 10px; background: #fff;
}
.send { width: 38px; height: 38px; padding: 0; display: grid; place-items: center; border-radius: 10px; }
.send svg { width: 18px; height: 18px; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
@media (max-width: 480px) {
  .root { right: 12px; bottom: 12px; }
  .panel { position: fixed; inset: 0; width: auto; height: auto; max-height: none; border-radius: 0; }
}
@media (prefers-reduced-motion: no-preference) {
  .panel { animation: rise .16s ease-out; }
  @keyframes rise { from { opacity: 0; transform: translateY(8px); } to { opacity: 1; transform: none; } }
}
`;
