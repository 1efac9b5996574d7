// vpngw-emulator live state page. Plain JavaScript, no framework, nothing fetched from
// elsewhere: it polls this emulator's control API (/_emulator/...) about once a second while the
// tab is visible and updates the tables in place (rows are keyed, text changes only where it
// differs), so scroll position, focus and open journal rows survive every refresh.
'use strict';

(() => {
  const TOKEN_KEY = 'vpngw-emulator.control-token';
  const POLL_MS = 1000;
  const PAGE = 50;
  const JOURNAL_LIMIT = 100;

  const $ = (id) => document.getElementById(id);

  // What the person chose; everything else comes from the server on each poll.
  const view = {
    accountId: null,
    regionId: null,
    table: null,          // "gw:<gateway id>" or "tr:<transit connection id>"
    routeDest: '',
    nextHop: '',
    routeOffset: 0,
    routeTotal: 0,
    vpcId: null,
    vpcOffset: 0,
    vpcTotal: 0,
    journalAction: '',
    journalCode: '',
    open: new Set(),      // keys of expanded journal rows
    paused: false,
    skew: 0,              // server clock minus this clock (ms), for the countdowns
    connections: [],
    seen: new Set(),      // journal keys already shown (new ones are highlighted)
    journalPrimed: false,
  };

  // --------------------------------------------------------------------------------------------
  // Control API calls

  class Locked extends Error {}
  class Refused extends Error {
    constructor(status, message) { super(message); this.status = status; }
  }

  function storedToken() {
    try { return sessionStorage.getItem(TOKEN_KEY) || ''; } catch (e) { return ''; }
  }

  function query(params) {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== '') q.set(k, String(v));
    const s = q.toString();
    return s ? '?' + s : '';
  }

  async function call(method, path, body) {
    const headers = { Accept: 'application/json' };
    const token = storedToken();
    if (token) headers.Authorization = 'Bearer ' + token;
    const init = { method, headers, cache: 'no-store', credentials: 'omit', redirect: 'error' };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    const response = await fetch(path, init);
    const text = await response.text();
    if (response.status === 401) throw new Locked();
    let data = null;
    try { data = text ? JSON.parse(text) : null; } catch (e) { data = null; }
    if (!response.ok) throw new Refused(response.status, (data && data.error) || response.statusText || String(response.status));
    return { data, text };
  }

  // --------------------------------------------------------------------------------------------
  // DOM helpers

  function h(tag, attrs, ...children) {
    const node = document.createElement(tag);
    if (attrs) for (const [k, v] of Object.entries(attrs)) {
      if (k === 'class') node.className = v;
      else if (k === 'text') node.textContent = v;
      else node.setAttribute(k, v);
    }
    for (const c of children) node.append(c);
    return node;
  }

  function setText(node, text) {
    const t = String(text);
    if (node.textContent !== t) node.textContent = t;
  }

  function setAttr(node, name, value) {
    if (value === null || value === undefined) {
      if (node.hasAttribute(name)) node.removeAttribute(name);
    } else if (node.getAttribute(name) !== String(value)) {
      node.setAttribute(name, String(value));
    }
  }

  function show(node, visible) { if (node.hidden === visible) node.hidden = !visible; }

  /** Makes the keyed children of `container` (after `after`) match `items`, reusing nodes. */
  function sync(container, items, keyOf, create, update, after) {
    const old = new Map();
    for (const node of Array.from(container.children)) if (node.dataset.key !== undefined) old.set(node.dataset.key, node);
    const used = new Set();
    let prev = after || null;
    for (const item of items) {
      let key = String(keyOf(item));
      for (let n = 2; used.has(key); n++) key = String(keyOf(item)) + '#' + n;
      used.add(key);
      let node = old.get(key);
      if (node) old.delete(key);
      else { node = create(item, key); node.dataset.key = key; }
      update(node, item, key);
      const want = prev ? prev.nextSibling : container.firstChild;
      if (node !== want) container.insertBefore(node, want);
      prev = node;
    }
    for (const node of old.values()) node.remove();
  }

  /** A row of `n` cells; with `header`, the first one is the row's header (`<th scope="row">`). */
  function row(n, header) {
    const tr = document.createElement('tr');
    for (let i = 0; i < n; i++) tr.append(header && i === 0 ? h('th', { scope: 'row' }) : document.createElement('td'));
    return tr;
  }

  /** Replaces the options of a <select> only when they changed, keeping the chosen value. */
  function setOptions(select, options, value) {
    const wanted = options.map(([v, label]) => v + '\u0000' + label).join('\u0001');
    if (select.dataset.options !== wanted) {
      select.replaceChildren(...options.map(([v, label]) => h('option', { value: v, text: label })));
      select.dataset.options = wanted;
    }
    if (select.value !== value) select.value = value;
  }

  const pad = (n, w) => String(n).padStart(w || 2, '0');
  const number = (n) => Number(n).toLocaleString('en-US');

  function clock(ms) {
    const d = new Date(ms);
    return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
  }

  /** A duration a person reads: 24 h, 5 min, 1.5 s, 200 ms. */
  function duration(ms) {
    if (ms >= 3600000 && ms % 3600000 === 0) return number(ms / 3600000) + ' h';
    if (ms >= 60000 && ms % 60000 === 0) return number(ms / 60000) + ' min';
    if (ms >= 1000) return number(ms / 1000) + ' s';
    return number(ms) + ' ms';
  }

  function utc(ms) {
    return new Date(ms).toISOString().replace('T', ' ').slice(0, 19);
  }

  function badgeClass(status) {
    if (status === 'active' || status === 'attached' || status === 'Normal' || status === 'Available' || status === 'published') return 'badge ok';
    if (status === 'updating' || status === 'provisioning' || status === 'attaching' || status === 'init' || status === 'Pending') return 'badge busy';
    if (status === 'FinancialLocked' || status === 'financialLocked' || status === 'deleting' || status === 'detaching') return 'badge bad';
    return 'badge';
  }

  /** A status badge plus, while a task is pending, a countdown to its end. */
  function status(cell, text, task) {
    let badge = cell.querySelector('.badge');
    let countdown = cell.querySelector('.countdown');
    if (!badge) {
      badge = h('span');
      countdown = h('span', { class: 'countdown' });
      cell.replaceChildren(badge, ' ', countdown);
    }
    setText(badge, text);
    setAttr(badge, 'class', badgeClass(text));
    setAttr(countdown, 'data-ends', task ? task.endsAt : null);
    if (task) setAttr(countdown, 'title', `${task.action}: ends at ${clock(task.endsAt)}`);
    tickCountdown(countdown);
  }

  function tickCountdown(node) {
    const ends = Number(node.dataset.ends);
    if (!node.dataset.ends) { setText(node, ''); return; }
    const left = Math.max(0, ends - (Date.now() + view.skew));
    setText(node, (left / 1000).toFixed(1) + ' s');
  }

  function idCell(cell, id, name) {
    let idNode = cell.firstChild;
    if (!idNode || !cell.querySelector('.name')) {
      idNode = h('span', { class: 'mono' });
      cell.replaceChildren(idNode, h('span', { class: 'name' }));
    }
    setText(idNode, id);
    setText(cell.querySelector('.name'), name || '');
  }

  // --------------------------------------------------------------------------------------------
  // Rendering, one panel at a time

  function renderScope(r) {
    view.accountId = r.accountId;
    view.regionId = r.regionId;
    setOptions($('account'), r.accounts.map((a) => [a.id, a.id + (a.default ? ' (default)' : '')]), r.accountId || '');
    const account = r.accounts.find((a) => a.id === r.accountId);
    setAttr($('account'), 'title', account ? 'Access keys: ' + account.accessKeys.map((k) => k.id + (k.ramUser ? ' (RAM user ' + k.ramUser + ')' : '')).join(', ') : null);
    setOptions($('region'), r.regions.map((id) => [id, id]), r.regionId || '');
    const scope = `account ${r.accountId || '—'} in ${r.regionId || '—'}`;
    setText($('gateways-caption'), `Gateways of ${scope}; status as DescribeVpnGateway shows it`
      + (r.truncated.vpnGateways ? ' (the first 500)' : ''));
    setText($('connections-caption'), `Connections of ${scope}; state as DescribeVpnConnection shows it`
      + (r.truncated.vpnConnections ? ' (the first 500)' : ''));
    show($('scope'), true);

    const actions = [['', 'any']].concat(r.actions.map((a) => [a, a]));
    setOptions($('journal-action'), actions, view.journalAction);
    setOptions($('fault-action'), [['*', 'every action']].concat(r.actions.map((a) => [a, a])), $('fault-action').value || '*');
  }

  function renderGateways(gateways) {
    const tbody = $('gateways').tBodies[0];
    sync(tbody, gateways, (g) => g.id, () => {
      const tr = row(7, true);
      tr.cells[5].className = 'num';
      const button = h('button', { type: 'button', class: 'link', text: 'Routes' });
      button.addEventListener('click', () => {
        selectTable('gw:' + tr.dataset.key);
        $('route-table').focus();
        $('routes-section').scrollIntoView({ block: 'start' });
      });
      tr.cells[6].append(button);
      return tr;
    }, (tr, g) => {
      idCell(tr.cells[0], g.id, g.name);
      setText(tr.cells[1], g.vpcId);
      tr.cells[1].className = 'mono';
      status(tr.cells[2], g.status, g.task);
      setText(tr.cells[3], g.businessStatus);
      setText(tr.cells[4], g.tunnelMode);
      setText(tr.cells[5], `${number(g.routeCount)} / ${number(g.routeQuota)}`);
      tr.classList.toggle('selected', view.table === 'gw:' + g.id);
      setAttr(tr.cells[6].firstChild, 'aria-label', 'Show the routes of ' + g.id);
    });
    show($('gateways-empty'), gateways.length === 0);
  }

  function renderConnections(connections) {
    view.connections = connections;
    const tbody = $('connections').tBodies[0];
    sync(tbody, connections, (c) => c.id, () => {
      const tr = row(5, true);
      tr.cells[4].className = 'num';
      tr.cells[1].className = 'mono';
      return tr;
    }, (tr, c) => {
      idCell(tr.cells[0], c.id, c.name);
      setText(tr.cells[1], c.attachType === 'CEN' ? `${c.transitRouterId || ''} (CEN ${c.cenId || ''})` : (c.vpnGatewayId || ''));
      status(tr.cells[2], c.state, c.task);
      setText(tr.cells[3], c.businessStatus);
      setText(tr.cells[4], c.routeCount === null ? '—' : `${number(c.routeCount)} / ${number(c.routeQuota)}`);
    });
    show($('connections-empty'), connections.length === 0);
  }

  /** The route tables of the scope: gateways, then transit connections. */
  function renderTableChoice(r) {
    const options = r.vpnGateways.map((g) => ['gw:' + g.id, `${g.id} (gateway${g.name ? ' ' + g.name : ''})`])
      .concat(r.vpnConnections.filter((c) => c.attachType === 'CEN')
        .map((c) => ['tr:' + c.id, `${c.id} (transit${c.name ? ' ' + c.name : ''})`]));
    if (!options.some(([v]) => v === view.table)) {
      view.table = options.length ? options[0][0] : null;
      view.routeOffset = 0;
      view.nextHop = '';
    }
    setOptions($('route-table'), options, view.table || '');
    const transit = view.table && view.table.startsWith('tr:');
    const id = view.table ? view.table.slice(3) : '';
    const hops = transit ? [[id, id]]
      : view.connections.filter((c) => c.vpnGatewayId === id).map((c) => [c.id, c.id + (c.name ? ' (' + c.name + ')' : '')]);
    if (view.nextHop && !hops.some(([v]) => v === view.nextHop)) hops.push([view.nextHop, view.nextHop]);
    setOptions($('next-hop'), [['', 'any']].concat(hops), view.nextHop);

    const vpcs = r.vpcs.map((v) => [v.id, `${v.id} (${v.cidrBlock})`]);
    if (!vpcs.some(([v]) => v === view.vpcId)) {
      view.vpcId = vpcs.length ? vpcs[0][0] : null;
      view.vpcOffset = 0;
    }
    setOptions($('vpc'), vpcs, view.vpcId || '');
    const vpc = r.vpcs.find((v) => v.id === view.vpcId);
    setText($('vpc-facts'), vpc
      ? `${vpc.cidrBlock} · ${vpc.status} · vSwitches ${vpc.vSwitches.map((s) => s.id + ' ' + s.cidrBlock).join(', ') || 'none'}`
        + ` · ${number(vpc.entryCount)} of ${number(vpc.routeTableQuota)} entries`
      : 'No VPC in this account and region.');
  }

  function renderRoutes(page) {
    view.routeTotal = page ? page.total : 0;
    const routes = page ? page.routes : [];
    const tbody = $('routes').tBodies[0];
    sync(tbody, routes, (r) => (r.vpnGatewayId || r.vpnConnectionId) + '|' + r.routeDest + '|' + r.nextHop, () => {
      const tr = row(6, true);
      tr.cells[0].className = 'cidr';
      tr.cells[1].className = 'mono';
      tr.cells[2].className = 'num';
      return tr;
    }, (tr, r) => {
      setText(tr.cells[0], r.routeDest);
      setText(tr.cells[1], r.nextHop);
      setText(tr.cells[2], r.weight);
      let badge = tr.cells[3].firstChild;
      if (!badge) { badge = h('span'); tr.cells[3].append(badge); }
      setText(badge, r.state);
      setAttr(badge, 'class', badgeClass(r.state));
      setText(tr.cells[4], r.description);
      setText(tr.cells[5], utc(r.createTime));
    });
    const id = view.table ? view.table.slice(3) : '';
    const filters = [view.routeDest && `RouteDest starting with ${view.routeDest}`, view.nextHop && `NextHop ${view.nextHop}`].filter(Boolean);
    setText($('routes-caption'), id ? `Routes of ${id}, newest first${filters.length ? ', ' + filters.join(', ') : ''}` : 'No route table in this account and region');
    show($('routes-empty'), !!id && routes.length === 0);
    pager('routes', view.routeOffset, routes.length, view.routeTotal);
  }

  function renderVPCEntries(page) {
    view.vpcTotal = page ? page.total : 0;
    const entries = page ? page.entries : [];
    const tbody = $('vpc-entries').tBodies[0];
    sync(tbody, entries, (e) => e.destinationCidrBlock + '|' + e.nextHopType + '|' + e.nextHopId, () => {
      const tr = row(3, true);
      tr.cells[0].className = 'cidr';
      return tr;
    }, (tr, e) => {
      setText(tr.cells[0], e.destinationCidrBlock);
      idCell(tr.cells[1], e.nextHopId, e.nextHopType);
      setText(tr.cells[2], e.origin);
    });
    setText($('vpc-caption'), view.vpcId ? `System route table of ${view.vpcId}: fixture entries, then those published by routes` : 'No VPC');
    show($('vpc-empty'), !!view.vpcId && entries.length === 0);
    pager('vpc', view.vpcOffset, entries.length, view.vpcTotal);
  }

  function pager(name, offset, shown, total) {
    const nav = $(name + '-pager');
    setText($(name + '-range'), total === 0 ? '0 of 0' : `${number(offset + 1)}–${number(offset + shown)} of ${number(total)}`);
    for (const b of nav.querySelectorAll('button')) {
      const back = b.dataset.page === 'first' || b.dataset.page === 'prev';
      const disabled = back ? offset === 0 : offset + PAGE >= total;
      if (b.disabled !== disabled) b.disabled = disabled;
    }
  }

  function renderTasks(tasks) {
    const tbody = $('tasks').tBodies[0];
    sync(tbody, tasks, (t) => t.resourceId, () => {
      const tr = row(3, true);
      tr.cells[0].className = 'mono';
      tr.cells[2].className = 'num';
      tr.cells[2].append(h('span', { class: 'countdown' }));
      return tr;
    }, (tr, t) => {
      setText(tr.cells[0], t.resourceId);
      setText(tr.cells[1], t.action);
      const countdown = tr.cells[2].firstChild;
      setAttr(countdown, 'data-ends', t.endsAt);
      setAttr(countdown, 'title', 'ends at ' + clock(t.endsAt));
      tickCountdown(countdown);
    });
    show($('tasks-empty'), tasks.length === 0);
    const button = $('complete-tasks');
    if (button.disabled !== (tasks.length === 0)) button.disabled = tasks.length === 0;
  }

  function renderFaults(faults) {
    const tbody = $('faults').tBodies[0];
    sync(tbody, faults, (f) => f.id, () => {
      const tr = row(7, true);
      tr.cells[0].className = 'mono';
      tr.cells[3].className = 'num';
      tr.cells[4].className = 'num';
      tr.cells[5].className = 'mono';
      return tr;
    }, (tr, f) => {
      setText(tr.cells[0], f.id);
      setText(tr.cells[1], f.action || 'every action');
      setText(tr.cells[2], f.code);
      setText(tr.cells[3], f.httpStatus);
      setText(tr.cells[4], f.count);
      setText(tr.cells[5], f.resourceId || 'any');
      setText(tr.cells[6], f.message);
    });
    show($('faults-empty'), faults.length === 0);
    const button = $('clear-faults');
    if (button.disabled !== (faults.length === 0)) button.disabled = faults.length === 0;
  }

  function journalKey(e) { return e.requestId + '@' + e.time; }

  function renderJournal(entries) {
    const table = $('journal');
    const newest = entries.slice().reverse();
    const fresh = view.journalPrimed;
    sync(table, newest, journalKey, (e, key) => {
      const body = h('tbody', { class: 'entry' });
      const summary = row(7);
      summary.className = 'summary';
      const detailId = 'detail-' + Math.random().toString(36).slice(2);
      const toggle = h('button', { type: 'button', class: 'disclosure', 'aria-expanded': 'false', 'aria-controls': detailId });
      summary.cells[0].append(toggle);
      summary.cells[2].className = 'mono';
      summary.cells[3].className = 'num';
      summary.cells[5].className = 'mono';
      summary.cells[6].className = 'num';
      const details = h('tr', { class: 'details', id: detailId });
      details.hidden = true;
      details.append(h('td', { colspan: '7' }));
      body.append(summary, details);
      summary.addEventListener('click', (event) => {
        if (event.target.closest('button') !== toggle && window.getSelection().toString()) return;   // selecting text
        const open = !view.open.has(body.dataset.key);
        if (open) view.open.add(body.dataset.key); else view.open.delete(body.dataset.key);
        expand(body, open);
      });
      if (fresh && !view.seen.has(key)) body.classList.add('fresh');
      return body;
    }, (body, e, key) => {
      view.seen.add(key);
      const cells = body.rows[0].cells;
      setText(cells[0].firstChild, clock(e.time));
      setAttr(cells[0].firstChild, 'title', new Date(e.time).toISOString());
      setText(cells[1], e.action || '(none)');
      setText(cells[2], e.accessKeyId || '—');
      setText(cells[3], e.httpStatus);
      setText(cells[4], e.code || '—');
      setText(cells[5], e.rule || '—');
      setText(cells[6], e.durationMs.toFixed(2) + ' ms');
      body.classList.toggle('error', e.httpStatus >= 400);
      const td = body.rows[1].cells[0];
      if (!td.firstChild) td.append(detailList(e));
      expand(body, view.open.has(key));
    }, table.tHead);
    view.journalPrimed = true;
    if (view.seen.size > 5000) view.seen = new Set(newest.map(journalKey));
    show($('journal-empty'), entries.length === 0);
    setText($('journal-caption'), `The newest RPC calls first (at most ${JOURNAL_LIMIT}`
      + `${view.journalAction ? ', action ' + view.journalAction : ''}${view.journalCode ? ', code ' + view.journalCode : ''}); open a row for its parameters`);
  }

  function expand(body, open) {
    const toggle = body.rows[0].cells[0].firstChild;
    setAttr(toggle, 'aria-expanded', open ? 'true' : 'false');
    show(body.rows[1], open);
  }

  function detailList(e) {
    const dl = h('dl');
    const add = (k, v) => dl.append(h('dt', { text: k }), h('dd', { text: v }));
    const params = Object.entries(e.params || {});
    if (params.length === 0) add('Parameters', 'none recorded (unknown action)');
    for (const [k, v] of params) add(k, v);
    add('RequestId', e.requestId);
    add('Time', new Date(e.time).toISOString());
    add('HTTP status', String(e.httpStatus));
    if (e.code) add('Code', e.code);
    if (e.rule) add('Rule (x-emulator-rule)', e.rule);
    return dl;
  }

  function renderSettings(s) {
    const ms = (n) => (n === 0 ? 'off' : number(n) + ' ms');
    const items = [
      ['Task duration', number(s.taskDurationMs) + ' ms'],
      ['Cooldown', ms(s.taskCooldownMs)],
      ['Throttle', s.throttle ? 'on' : 'off'],
      ['Auth', s.auth],
      ['Routes per gateway', number(s.quotaGatewayRoutes)],
      ['Routes per transit connection', number(s.quotaConnectionRoutes)],
      ['Entries per VPC table', number(s.quotaVpcRoutes)],
      ['ClientToken TTL', duration(s.clientTokenTtlMs)],
    ];
    sync($('settings'), items, (i) => i[0], () => h('div', null, h('dt'), h('dd')), (div, [k, v]) => {
      setText(div.firstChild, k);
      setText(div.lastChild, v);
    });
  }

  // --------------------------------------------------------------------------------------------
  // Polling

  let timer = null;
  let running = false;
  let again = false;
  let locked = false;
  const lastText = {};

  /** Calls `render` with the answer's data unless the same request answered the same text last time. */
  function renderIfChanged(name, request, answer, render) {
    const signature = request + '\n' + answer.text;
    if (lastText[name] === signature) return;
    lastText[name] = signature;
    render(answer.data);
  }

  function forget(name) { delete lastText[name]; }

  async function refresh() {
    const t0 = Date.now();
    let resources;
    try {
      resources = await call('GET', '/_emulator/resources' + query({ accountId: view.accountId, regionId: view.regionId }));
    } catch (e) {
      if (!(e instanceof Refused) || e.status !== 404) throw e;
      view.accountId = null;   // the account or region went away (a reset): back to the defaults
      view.regionId = null;
      resources = await call('GET', '/_emulator/resources');
    }
    const r = resources.data;
    view.skew = r.now - Math.round((t0 + Date.now()) / 2);
    renderScope(r);
    renderGateways(r.vpnGateways);
    renderConnections(r.vpnConnections);
    renderTableChoice(r);
    unlock();

    const table = view.table;
    const routeQuery = table ? query({
      [table.startsWith('gw:') ? 'gatewayId' : 'connectionId']: table.slice(3),
      routeDest: view.routeDest, nextHop: view.nextHop, offset: view.routeOffset, limit: PAGE,
    }) : null;
    const requests = [
      routeQuery ? '/_emulator/routes' + routeQuery : null,
      view.vpcId ? '/_emulator/vpc-entries' + query({ vpcId: view.vpcId, offset: view.vpcOffset, limit: PAGE }) : null,
      '/_emulator/tasks',
      '/_emulator/faults',
      '/_emulator/requests' + query({ action: view.journalAction, code: view.journalCode, limit: JOURNAL_LIMIT }),
      '/_emulator/config',
    ];
    const results = await Promise.allSettled(requests.map((path) => (path ? call('GET', path) : Promise.resolve(null))));
    const locking = results.find((x) => x.status === 'rejected' && x.reason instanceof Locked);
    if (locking) throw locking.reason;
    // A 404 is a resource that went away between two calls (a reset): the next poll catches up.
    const failure = results.find((x) => x.status === 'rejected' && !(x.reason instanceof Refused && x.reason.status === 404));
    const [routes, vpc, tasks, faults, journal, config] = results.map((x) => (x.status === 'fulfilled' ? x.value : undefined));
    const [routesPath, vpcPath, tasksPath, faultsPath, journalPath, configPath] = requests;
    if (routes === null) { forget('routes'); renderRoutes(null); } else if (routes) renderIfChanged('routes', routesPath, routes, renderRoutes);
    if (vpc === null) { forget('vpc'); renderVPCEntries(null); } else if (vpc) renderIfChanged('vpc', vpcPath, vpc, renderVPCEntries);
    if (tasks) renderIfChanged('tasks', tasksPath, tasks, (d) => renderTasks(d.tasks));
    if (faults) renderIfChanged('faults', faultsPath, faults, (d) => renderFaults(d.faults));
    if (journal) renderIfChanged('journal', journalPath, journal, (d) => renderJournal(d.requests));
    if (config) renderIfChanged('config', configPath, config, renderSettings);
    // A page past the end (routes were deleted): go back to the last page on the next poll.
    if (routes && view.routeOffset > 0 && view.routeOffset >= view.routeTotal) { view.routeOffset = Math.max(0, lastPage(view.routeTotal)); again = true; }
    if (vpc && view.vpcOffset > 0 && view.vpcOffset >= view.vpcTotal) { view.vpcOffset = Math.max(0, lastPage(view.vpcTotal)); again = true; }
    if (failure) throw failure.reason;
  }

  const lastPage = (total) => Math.floor(Math.max(0, total - 1) / PAGE) * PAGE;

  async function tick() {
    clearTimeout(timer);
    timer = null;
    if (running) { again = true; return; }
    running = true;
    try {
      await refresh();
      live('on', 'Live · updated ' + clock(Date.now()).slice(0, 8));
      alertMessage('');
    } catch (e) {
      if (e instanceof Locked) lock();
      else if (e instanceof Refused) { live('on', 'Live · updated ' + clock(Date.now()).slice(0, 8)); alertMessage('The emulator refused a call: ' + e.message); }
      else { live('down', 'No answer from the emulator · retrying'); alertMessage(''); }
    } finally {
      running = false;
      if (again) { again = false; schedule(0); } else schedule(POLL_MS);
    }
  }

  function polling() { return !locked && !view.paused && document.visibilityState === 'visible'; }

  function schedule(delay) {
    clearTimeout(timer);
    timer = null;
    if (polling()) timer = setTimeout(tick, delay);
    else if (view.paused) live('paused', 'Paused');
    else if (!locked) live('paused', 'Paused while the tab is hidden');
  }

  /** Polls at once (a filter or a page changed); what the answer replaces is drawn again. */
  function refreshSoon() {
    if (!polling()) return;
    if (running) again = true; else schedule(0);
  }

  function live(kind, text) {
    const p = $('live');
    for (const k of ['on', 'paused', 'down']) p.classList.toggle(k, k === kind);
    setText($('live-text'), text);
  }

  function alertMessage(text) {
    const node = $('alert');
    setText(node, text);
    show(node, !!text);
  }

  // --------------------------------------------------------------------------------------------
  // The control token

  function lock() {
    const hadToken = !!storedToken();
    locked = true;
    show($('main'), false);
    show($('scope'), false);
    for (const id of ['pause', 'reset']) show($(id), false);
    show($('forget'), hadToken);
    // Nothing of the state stays on the page.
    for (const id of ['gateways', 'connections', 'routes', 'vpc-entries', 'tasks', 'faults']) $(id).tBodies[0].replaceChildren();
    for (const body of Array.from($('journal').tBodies)) body.remove();
    for (const id of ['account', 'region', 'route-table', 'next-hop', 'vpc']) { $(id).replaceChildren(); delete $(id).dataset.options; }
    $('settings').replaceChildren();
    $('vpc-facts').textContent = '';
    for (const k of Object.keys(lastText)) delete lastText[k];
    view.seen.clear();
    view.journalPrimed = false;
    show($('login'), true);
    const message = $('login-message');
    message.replaceChildren(hadToken ? 'The emulator refused this token. Enter the value of ' : 'The emulator needs a control token for its state. Enter the value of ',
      h('code', { text: '--control-token' }), hadToken ? ' (or VPNGW_CONTROL_TOKEN).' : '.');
    message.classList.toggle('error', hadToken);
    live('paused', 'Locked: control token needed');
    if (document.activeElement === document.body || !document.activeElement) $('token').focus();
  }

  function unlock() {
    if (!locked && !$('main').hidden) return;
    locked = false;
    show($('login'), false);
    show($('main'), true);
    for (const id of ['pause', 'reset']) show($(id), true);
    show($('forget'), !!storedToken());
    $('login-message').textContent = '';
  }

  $('login-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const value = $('token').value;
    $('token').value = '';
    try { sessionStorage.setItem(TOKEN_KEY, value); } catch (e) { /* storage off: nothing to keep */ }
    $('login-message').textContent = 'Checking…';
    $('login-message').classList.remove('error');
    locked = false;
    tick();
  });

  $('forget').addEventListener('click', () => {
    try { sessionStorage.removeItem(TOKEN_KEY); } catch (e) { /* nothing stored */ }
    lock();
  });

  // --------------------------------------------------------------------------------------------
  // Controls

  for (const form of document.querySelectorAll('form.filters')) form.addEventListener('submit', (e) => e.preventDefault());

  $('account').addEventListener('change', (e) => {
    view.accountId = e.target.value;
    view.table = null; view.vpcId = null; view.routeOffset = 0; view.vpcOffset = 0; view.nextHop = '';
    refreshSoon();
  });
  $('region').addEventListener('change', (e) => {
    view.regionId = e.target.value;
    view.table = null; view.vpcId = null; view.routeOffset = 0; view.vpcOffset = 0; view.nextHop = '';
    refreshSoon();
  });

  function selectTable(value) {
    if (view.table !== value) {
      view.table = value;
      view.routeOffset = 0;
      view.nextHop = '';
      forget('routes');
    }
    if ($('route-table').value !== value) $('route-table').value = value;
    for (const tr of $('gateways').tBodies[0].rows) tr.classList.toggle('selected', 'gw:' + tr.dataset.key === value);
    refreshSoon();
  }
  $('route-table').addEventListener('change', (e) => selectTable(e.target.value));

  let typing = null;
  $('route-dest').addEventListener('input', (e) => {
    clearTimeout(typing);
    typing = setTimeout(() => {
      view.routeDest = e.target.value.trim();
      view.routeOffset = 0;
      refreshSoon();
    }, 250);
  });
  $('next-hop').addEventListener('change', (e) => { view.nextHop = e.target.value; view.routeOffset = 0; refreshSoon(); });

  $('vpc').addEventListener('change', (e) => { view.vpcId = e.target.value; view.vpcOffset = 0; forget('vpc'); refreshSoon(); });

  function pageButtons(name, get, set, total) {
    $(name + '-pager').addEventListener('click', (event) => {
      const b = event.target.closest('button');
      if (!b) return;
      const offset = get();
      const next = { first: 0, prev: Math.max(0, offset - PAGE), next: offset + PAGE, last: lastPage(total()) }[b.dataset.page];
      if (next !== offset) { set(next); refreshSoon(); }
    });
  }
  pageButtons('routes', () => view.routeOffset, (v) => { view.routeOffset = v; }, () => view.routeTotal);
  pageButtons('vpc', () => view.vpcOffset, (v) => { view.vpcOffset = v; }, () => view.vpcTotal);

  $('journal-action').addEventListener('change', (e) => { view.journalAction = e.target.value; view.journalPrimed = false; refreshSoon(); });
  let typingCode = null;
  $('journal-code').addEventListener('input', (e) => {
    clearTimeout(typingCode);
    typingCode = setTimeout(() => { view.journalCode = e.target.value.trim(); view.journalPrimed = false; refreshSoon(); }, 250);
  });

  /** Runs a control call from a button, then polls at once. */
  async function act(button, method, path, body, message) {
    button.disabled = true;
    try {
      const answer = await call(method, path, body);
      if (message) message(answer.data, null);
    } catch (e) {
      if (e instanceof Locked) { lock(); return; }
      if (message) message(null, e); else alertMessage('The emulator refused: ' + e.message);
    } finally {
      button.disabled = false;
      refreshSoon();
    }
  }

  $('complete-tasks').addEventListener('click', (e) => act(e.currentTarget, 'POST', '/_emulator/tasks/complete'));
  $('clear-faults').addEventListener('click', (e) => act(e.currentTarget, 'DELETE', '/_emulator/faults'));

  $('fault-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const fault = { action: $('fault-action').value, code: $('fault-code').value.trim(), count: Number($('fault-count').value || 1) };
    if ($('fault-resource').value.trim()) fault.resourceId = $('fault-resource').value.trim();
    if ($('fault-status').value) fault.httpStatus = Number($('fault-status').value);
    const message = $('fault-message');
    act(event.submitter || $('fault-form').querySelector('button[type=submit]'), 'POST', '/_emulator/faults', fault, (data, error) => {
      message.classList.toggle('error', !!error);
      message.textContent = error ? 'Not injected: ' + error.message : `Injected ${data.id}.`;
      if (!error) $('fault-code').value = '';
    });
  });

  $('pause').addEventListener('click', (e) => {
    view.paused = !view.paused;
    e.currentTarget.setAttribute('aria-pressed', String(view.paused));
    setText(e.currentTarget, view.paused ? 'Resume' : 'Pause');
    if (view.paused) schedule(0); else tick();
  });

  const dialog = $('reset-dialog');
  $('reset').addEventListener('click', () => dialog.showModal());
  dialog.addEventListener('close', () => {
    if (dialog.returnValue !== 'reset') return;
    dialog.returnValue = '';
    act($('reset'), 'POST', '/_emulator/reset', undefined, (data, error) => {
      if (error) alertMessage('Reset failed: ' + error.message);
      view.open.clear();
    });
  });

  document.addEventListener('visibilitychange', () => { if (polling()) tick(); else schedule(0); });

  // Countdowns move between polls.
  setInterval(() => {
    if (document.visibilityState !== 'visible' || locked) return;
    for (const node of document.querySelectorAll('.countdown[data-ends]')) tickCountdown(node);
  }, 200);

  tick();
})();
