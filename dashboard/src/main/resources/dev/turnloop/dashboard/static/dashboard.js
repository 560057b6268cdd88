// turnloop dashboard: polls the read-only JSON API and draws it. Conversation text is data: it is only ever put
// into the page with textContent, never parsed as HTML.
'use strict';

const REFRESH_MS = 3000;
const token = new URLSearchParams(location.search).get('token') || sessionStorage.getItem('turnloop-token');
if (token) sessionStorage.setItem('turnloop-token', token);

const state = { selectedIntent: null, selectedItem: null, charts: new Map() };

async function api(path, asText) {
  const headers = token ? { Authorization: 'Bearer ' + token } : {};
  const response = await fetch('api/' + path, { headers });
  if (!response.ok) {
    let message = response.status + ' ' + response.statusText;
    try { message = (await response.json()).error || message; } catch (e) { /* not JSON */ }
    throw new Error(message);
  }
  return asText ? response.text() : response.json();
}

function el(tag, props, ...children) {
  const node = document.createElement(tag);
  Object.entries(props || {}).forEach(([key, value]) => {
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else if (key.startsWith('on')) node.addEventListener(key.substring(2), value);
    else node.setAttribute(key, value);
  });
  children.flat().forEach(child => node.append(child instanceof Node ? child : document.createTextNode(String(child))));
  return node;
}

const pct = (n, d) => d > 0 ? Math.round(100 * n / d) + '%' : '–';
const num = n => Number(n).toLocaleString('en-US');
const time = ms => new Date(ms).toLocaleTimeString();
const sum = obj => Object.values(obj || {}).reduce((a, b) => a + b, 0);

function chart(id) {
  let c = state.charts.get(id);
  const node = document.getElementById(id);
  if (!c || c.getDom() !== node) {
    c = echarts.init(node, null, { renderer: 'canvas' });
    state.charts.set(id, c);
  }
  return c;
}

function card(label, value, detail) {
  return el('div', { class: 'card' }, el('div', { class: 'value', text: value }), el('div', { class: 'label', text: label }),
    detail ? el('div', { class: 'label', text: detail }) : []);
}

function renderOverview(o) {
  const outcomes = o.outcomes || {};
  document.getElementById('overview').replaceChildren(
    card('conversations closed', num(o.conversations),
      `${pct(outcomes.COMPLETED || 0, o.conversations)} completed · ${pct(outcomes.ABANDONED || 0, o.conversations)} abandoned`),
    card('intents', num(o.intents), `${o.intents_published} named (past the privacy gate)`),
    card('open breaches', num(o.open_breaches)),
    card('backlog open', num(o.backlog_open)),
    card('pull requests', num(o.prs_opened), `${o.prs_merged} merged · ${o.prs_reverted} reverted`),
    card('verdicts', num(sum(o.verdicts)), Object.entries(o.verdicts || {}).map(([k, v]) => `${k} ${v}`).join(' · ')));
  const synthetic = document.getElementById('synthetic');
  synthetic.hidden = !(o.synthetic_agents || []).length;
  synthetic.textContent = 'Synthetic traffic present: conversations of agent ' + (o.synthetic_agents || []).join(', ') +
    ' come from a simulator, not from people.';
  chart('chart-outcomes').setOption({
    tooltip: { trigger: 'item' },
    series: [{ type: 'pie', radius: ['45%', '75%'], label: { formatter: '{b}: {c}' },
      data: Object.entries(outcomes).map(([name, value]) => ({ name, value })) }]
  });
}

// Intent rows are kept and updated in place between refreshes, so their sparklines are not torn down every time.
const intentRows = new Map();

function intentCells(intent) {
  const total = sum(intent.outcomes);
  return [
    el('td', {}, el('span', { class: 'intent-label', text: intent.label }),
      intent.published ? [] : el('span', { class: 'badge gated', text: `${intent.distinct_users} users` }),
      intent.flags.map(flag => el('span', { class: 'badge ' + flag, text: flag })),
      intent.theme_label ? el('div', { class: 'muted', text: intent.theme_label }) : []),
    el('td', { class: 'num', text: num(intent.conversations) }),
    el('td', { class: 'num', text: pct(intent.outcomes.COMPLETED || 0, total) }),
    el('td', { class: 'num', text: pct(intent.outcomes.ABANDONED || 0, total) }),
    el('td', { class: 'num', text: pct(intent.outcomes.ESCALATED || 0, total) }),
    el('td', { class: 'muted', text: Object.entries(intent.kinds).sort((a, b) => b[1] - a[1]).slice(0, 2)
      .map(([k, v]) => `${k.toLowerCase().replace('_', ' ')} ${v}`).join(', ') })];
}

function intentRow(intent) {
  let entry = intentRows.get(intent.intent_id);
  if (!entry) {
    const spark = el('div', { class: 'spark' });
    const row = el('tr', { class: 'clickable intent-row', 'data-intent': intent.intent_id,
      onclick: () => selectIntent(intent.intent_id) });
    entry = { row, sparkCell: el('td', {}, spark), chart: null, spark };
    intentRows.set(intent.intent_id, entry);
  }
  const [label, ...rest] = intentCells(intent);
  entry.row.replaceChildren(label, entry.sparkCell, ...rest);
  entry.row.classList.toggle('selected', intent.intent_id === state.selectedIntent);
  return entry;
}

// An intent with no closed conversation yet gets a flat line: "nothing yet" is shown, not a blank cell.
function trend(volume) {
  if (volume.length > 1) return volume;
  const now = Date.now();
  return volume.length === 1 ? [[volume[0][0] - 60000, 0], volume[0]] : [[now - 60000, 0], [now, 0]];
}

function renderIntents(intents) {
  const body = document.querySelector('#intents tbody');
  const seen = new Set(intents.map(i => i.intent_id));
  intentRows.forEach((entry, id) => {
    if (!seen.has(id)) { if (entry.chart) entry.chart.dispose(); intentRows.delete(id); }
  });
  if (!intents.length) {
    body.replaceChildren(el('tr', {}, el('td', { colspan: 7, class: 'empty', text: 'no intents yet: they emerge as conversations close' })));
    return;
  }
  const entries = intents.map(intentRow);
  body.replaceChildren(...entries.map(e => e.row));
  intents.forEach((intent, i) => {
    const entry = entries[i];
    if (!entry.chart) entry.chart = echarts.init(entry.spark, null, { renderer: 'canvas' });
    entry.chart.setOption({ animation: false, grid: { left: 0, right: 0, top: 2, bottom: 2 },
      xAxis: { type: 'time', show: false }, yAxis: { type: 'value', show: false, min: 0 },
      series: [{ type: 'line', showSymbol: false, areaStyle: { opacity: .2 }, data: trend(intent.volume) }] });
  });
}

function renderEvents(events) {
  const list = document.getElementById('events');
  list.replaceChildren(...(events.length ? events.slice(0, 40).map(e => el('li', {},
    el('span', { class: 'badge ' + e.kind, text: e.kind.replace('_', ' ') }), ' ',
    el('strong', { text: e.intent_label }), ' ', el('span', { class: 'muted', text: e.detail + ' · ' + time(e.at) })))
    : [el('li', { class: 'empty', text: 'nothing yet' })]));
}

async function selectIntent(intentId) {
  state.selectedIntent = intentId;
  document.querySelectorAll('#intents tr.intent-row').forEach(r => r.classList.toggle('selected', r.dataset.intent === intentId));
  await renderIntentDetail();
  document.getElementById('intent-detail').scrollIntoView({ behavior: 'smooth', block: 'start' });
}

async function renderIntentDetail() {
  if (!state.selectedIntent) return;
  const id = encodeURIComponent(state.selectedIntent);
  const detail = await api('intents/' + id);
  const section = document.getElementById('intent-detail');
  section.hidden = false;
  section.dataset.intent = detail.intent.intent_id;
  document.getElementById('intent-title').textContent = detail.intent.label + ' · ' + num(detail.intent.conversations) + ' conversations';
  document.getElementById('intent-keyphrases').textContent = detail.intent.keyphrases.length
    ? 'keyphrases: ' + detail.intent.keyphrases.join(', ') : 'no keyphrases published yet (privacy gate)';
  document.getElementById('intent-examples').replaceChildren(...(detail.examples.length
    ? detail.examples.map(x => el('li', { text: x })) : [el('li', { class: 'empty', text: 'none published yet' })]));
  document.querySelector('#intent-conversations tbody').replaceChildren(...(detail.conversations.length
    ? detail.conversations.map(c => el('tr', { class: 'conversation-row' },
      el('td', { text: c.conversation_id }), el('td', { text: c.outcome }), el('td', { class: 'muted', text: c.outcome_reason }),
      el('td', { class: 'num', text: c.turns }), el('td', { class: 'num', text: c.repair_turns }),
      el('td', { class: 'muted', text: `${c.agent} · prompt ${short(c.prompt_version)} · config ${short(c.config_version)}` }),
      el('td', { text: c.first_user_text })))
    : [el('tr', {}, el('td', { colspan: 7, class: 'empty', text: 'no conversations to show (none yet, or below the privacy gate)' }))]));
  try {
    const series = await api(`intents/${id}/metrics`);
    const at = m => Date.parse(m.window_start);
    chart('chart-rates').setOption({
      tooltip: { trigger: 'axis', valueFormatter: v => (100 * v).toFixed(0) + '%' }, legend: { top: 0 },
      grid: { left: 40, right: 10, top: 30, bottom: 30 }, xAxis: { type: 'time' },
      yAxis: { type: 'value', min: 0, max: 1, axisLabel: { formatter: v => 100 * v + '%' } },
      series: [['completion', 'completion_rate'], ['abandonment', 'abandonment_rate'], ['escalation', 'escalation_rate'],
        ['repair', 'repair_rate']].map(([name, key]) => ({ name, type: 'line', symbolSize: 6,
          data: series.map(m => [at(m), m[key]]) }))
    }, true);
    chart('chart-depth').setOption({
      tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: { left: 40, right: 40, top: 30, bottom: 30 },
      xAxis: { type: 'time' }, yAxis: [{ type: 'value', min: 0, name: 'turns' }, { type: 'value', min: 0, name: 'n' }],
      series: [['mean', 'turn_depth_mean', 0], ['p90', 'turn_depth_p90', 0], ['conversations', 'conversations', 1]]
        .map(([name, key, axis]) => ({ name, type: 'line', yAxisIndex: axis, symbolSize: 6,
          data: series.map(m => [at(m), m[key]]) }))
    }, true);
    const cohorts = (await api(`intents/${id}/cohorts`)).filter(m => m.cohort_level === 'cohort');
    chart('chart-cohorts').setOption({
      tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: { left: 40, right: 10, top: 30, bottom: 50 },
      xAxis: { type: 'category', data: cohorts.map(m => `p:${short(m.prompt_version)} c:${short(m.config_version)} (n=${m.conversations})`),
        axisLabel: { rotate: 15, fontSize: 10 } },
      yAxis: { type: 'value', min: 0, max: 1 },
      series: [['completion', 'completion_rate'], ['abandonment', 'abandonment_rate']]
        .map(([name, key]) => ({ name, type: 'bar', data: cohorts.map(m => m[key]) }))
    }, true);
  } catch (e) {
    chart('chart-rates').setOption({ title: { text: 'metrics: ' + e.message, textStyle: { fontSize: 12 } } }, true);
  }
}

const short = v => (v || '').substring(0, 8);

function renderBacklog(items) {
  const body = document.querySelector('#backlog tbody');
  body.replaceChildren(...(items.length ? items.map(item => el('tr', {
      class: 'clickable backlog-row' + (item.item_id === state.selectedItem ? ' selected' : ''), 'data-item': item.item_id,
      onclick: () => selectItem(item) },
    el('td', { class: 'num', text: item.rank }), el('td', { text: item.intent_label }),
    el('td', {}, el('span', { text: item.mechanism }), item.mechanism_known ? [] : el('div', { class: 'muted', text: 'unknown mechanism: needs reading, no PR' })),
    el('td', { text: `${item.target_metric} ${item.expected_direction.toLowerCase()}` }),
    el('td', { class: 'num', text: item.score.toFixed(1) }), el('td', { class: 'num', text: num(item.frequency) }),
    el('td', { class: 'num', text: item.severity.toFixed(2) }), el('td', { text: item.fix_cost.toLowerCase() }),
    el('td', {}, el('span', { class: 'badge ' + item.status, text: item.status })),
    el('td', { class: 'muted', text: item.branch || '' })))
    : [el('tr', {}, el('td', { colspan: 10, class: 'empty', text: 'no backlog items: nothing has breached a rule yet' }))]));
}

async function selectItem(item) {
  state.selectedItem = item.item_id;
  document.querySelectorAll('#backlog tr.backlog-row').forEach(r => r.classList.toggle('selected', r.dataset.item === item.item_id));
  document.getElementById('backlog-detail').hidden = false;
  document.getElementById('backlog-detail-title').textContent = `${item.mechanism} · evidence (${item.evidence.length} conversations, redacted)`;
  document.getElementById('backlog-evidence').replaceChildren(...item.evidence.map(e =>
    el('li', {}, el('strong', { text: e.conversation_id }), ' ', el('span', { class: 'muted', text: `${e.outcome} [${e.signals.join(', ')}] ` }),
      el('span', { text: e.excerpt }))));
  const pre = document.getElementById('backlog-diff');
  if (!item.pr_url) { pre.textContent = 'no pull request for this item yet'; return; }
  try {
    const diff = await api(`backlog/${encodeURIComponent(item.item_id)}/diff`, true);
    pre.replaceChildren(...diff.split('\n').map(line => el('span', {
      class: line.startsWith('+') ? 'add' : line.startsWith('-') ? 'del' : line.startsWith('@@') ? 'hunk' : '', text: line + '\n' })));
  } catch (e) {
    pre.textContent = 'diff not available: ' + e.message;
  }
}

function renderVerdicts(verdicts) {
  state.charts.forEach((c, id) => { if (id.startsWith('verdict-')) { c.dispose(); state.charts.delete(id); } });
  const box = document.getElementById('verdicts');
  box.replaceChildren(...(verdicts.length ? verdicts.map((v, i) => el('div', { class: 'verdict' },
    el('div', {}, el('span', { class: 'badge ' + v.verdict, text: v.verdict }), ' ',
      el('strong', { text: `${v.component || 'change'} ${v.change_id}` }), v.is_revert ? ' (revert)' : ''),
    el('div', { class: 'muted', text: `${v.target_metric} on ${v.target_intent_label} · effect ${v.effect.toFixed(3)} ` +
      `[${v.effect_ci_low.toFixed(3)}, ${v.effect_ci_high.toFixed(3)}] · e-value ${v.e_value.toFixed(1)}` }),
    el('div', { text: v.reason }),
    v.regressions.length ? el('div', { class: 'muted', text: 'regressions: ' + v.regressions.join('; ') }) : [],
    el('div', { class: 'chart verdict-chart', id: 'verdict-' + i })))
    : [el('p', { class: 'empty', text: 'no verdicts yet: they come after a change ships and both cohorts have traffic' })]));
  verdicts.forEach((v, i) => {
    const arms = [['before (control)', v.control], ['after (treatment)', v.treatment]];
    const c = chart('verdict-' + i);
    c.setOption({ grid: { left: 110, right: 20, top: 10, bottom: 25 }, tooltip: {},
      xAxis: { type: 'value', min: 0, max: 1, name: v.target_metric }, yAxis: { type: 'category', data: arms.map(a => a[0]) },
      series: [{ type: 'bar', data: arms.map(a => a[1].rate), label: { show: true, position: 'right',
        formatter: p => `${(100 * p.value).toFixed(0)}% of ${arms[p.dataIndex][1].conversations}` } }] });
  });
}

async function refresh() {
  try {
    const [overview, intents, events, backlog, verdicts] = await Promise.all(
      ['overview', 'intents', 'events', 'backlog', 'verdicts'].map(p => api(p)));
    renderOverview(overview);
    renderIntents(intents);
    renderEvents(events);
    renderBacklog(backlog);
    renderVerdicts(verdicts);
    if (state.selectedIntent) await renderIntentDetail();
    document.getElementById('status').textContent = 'updated ' + time(overview.updated_at);
    document.body.dataset.loaded = 'true';
  } catch (e) {
    document.getElementById('status').textContent = 'cannot load: ' + e.message;
  }
}

refresh();
setInterval(refresh, REFRESH_MS);
window.addEventListener('resize', () => state.charts.forEach(c => c.resize()));
