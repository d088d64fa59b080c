'use strict';
// The Rushgate console: polls the admin API (through /console/api, which signs the calls on the
// server) once a second and acts on an event after an in-page confirmation.
(function () {
  const API = '/console/api';
  const POLL_MS = 1000;
  const FIELDS = ['acceptedRate', 'decidedRate', 'accepted', 'inFlight', 'remaining', 'succeeded', 'rejected',
    'failed', 'dlq', 'p95'];
  const rows = new Map();      // eventId -> {row, cells, buttons, link}
  const previous = new Map();  // eventId -> {at, accepted, decided}
  let pending = null;          // the action waiting for its confirmation

  const $ = (id) => document.getElementById(id);
  const number = (n) => (n === null || n === undefined) ? '\u2014' : Number(n).toLocaleString('en-US');
  const sum = (values) => Object.values(values || {}).reduce((a, b) => a + Number(b), 0);
  const count = (x) => Array.isArray(x) ? x.length : x;

  async function call(method, path, body) {
    const init = {method, headers: {'X-Rushgate-Console': '1'}};
    if (body !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    const response = await fetch(API + path, init);
    const text = await response.text();
    let json = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch (notJson) {
      json = null;
    }
    if (!response.ok) {
      const error = json && json.error;
      throw new Error(error ? error.code + ': ' + error.message
        : (json && json.message) || ('HTTP ' + response.status + (text ? ': ' + text.slice(0, 200) : '')));
    }
    return json;
  }

  function setStatus(state, text) {
    const status = $('status');
    status.dataset.state = state;
    status.textContent = text;
  }

  function log(kind, text) {
    const item = document.createElement('li');
    item.className = kind;
    const time = document.createElement('time');
    time.textContent = new Date().toLocaleTimeString('en-GB');
    item.append(time, document.createTextNode(text));
    $('activity').prepend(item);
    while ($('activity').children.length > 50) {
      $('activity').lastElementChild.remove();
    }
    return item;
  }

  function button(label, action, eventId) {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = label;
    b.dataset.action = action;
    b.addEventListener('click', () => ask(action, eventId));
    return b;
  }

  function rowFor(eventId) {
    if (rows.has(eventId)) {
      return rows.get(eventId);
    }
    const row = document.createElement('tr');
    row.dataset.event = eventId;
    const name = document.createElement('td');
    name.className = 'text';
    const id = document.createElement('span');
    id.className = 'event-id';
    id.textContent = eventId;
    const type = document.createElement('span');
    type.className = 'badge';
    type.dataset.field = 'type';
    const state = document.createElement('span');
    state.className = 'badge';
    state.dataset.field = 'state';
    name.append(id, type, state);
    row.append(name);
    const cells = {};
    for (const field of FIELDS) {
      const cell = document.createElement('td');
      cell.dataset.field = field;
      cell.textContent = '\u2014';
      cells[field] = cell;
      row.append(cell);
    }
    const actions = document.createElement('td');
    actions.className = 'text actions';
    const buttons = {
      close: button('Close', 'close', eventId),
      restock: button('Restock', 'restock', eventId),
      redrive: button('Redrive', 'redrive', eventId),
      draw: button('Draw', 'draw', eventId),
    };
    const link = document.createElement('a');
    link.className = 'button';
    link.textContent = 'Analytics';
    link.href = '/console/analytics/' + encodeURIComponent(eventId);
    link.target = '_blank';
    link.rel = 'noopener';
    link.dataset.action = 'analytics';
    actions.append(buttons.close, buttons.restock, buttons.redrive, buttons.draw, link);
    row.append(actions);
    $('events').tBodies[0].append(row);
    const entry = {row, cells, buttons, link, type, state};
    rows.set(eventId, entry);
    return entry;
  }

  function setCell(cell, text, detail, alert) {
    cell.textContent = text;
    if (detail) {
      const small = document.createElement('small');
      small.textContent = detail;
      cell.append(small);
    }
    cell.classList.toggle('alert', Boolean(alert));
  }

  function rate(eventId, at, accepted, decided) {
    const before = previous.get(eventId);
    previous.set(eventId, {at, accepted, decided});
    if (!before || at <= before.at) {
      return ['\u2014', '\u2014'];
    }
    const seconds = (at - before.at) / 1000;
    const per = (now, then) => Math.max(0, (now - then) / seconds).toFixed(1);
    return [per(accepted, before.accepted), per(decided, before.decided)];
  }

  function renderEvent(detail, at) {
    const event = detail.event;
    const entry = rowFor(event.eventId);
    const c = detail.counts || {};
    const fcfs = event.type === 'FCFS';
    entry.type.textContent = event.type;
    entry.state.textContent = event.state;
    entry.state.className = 'badge ' + event.state;
    const decided = Number(c.succeeded || 0) + sum(c.rejected) + Number(c.failed || 0);
    const [acceptedRate, decidedRate] = rate(event.eventId, at, Number(c.accepted || 0), decided);
    const cells = entry.cells;
    setCell(cells.acceptedRate, acceptedRate);
    setCell(cells.decidedRate, decidedRate);
    setCell(cells.accepted, number(c.accepted));
    const inFlight = c.inFlight || {};
    setCell(cells.inFlight, number(c.inFlight ? sum(inFlight) : null), Object.entries(inFlight)
      .filter(([, n]) => Number(n) > 0).map(([state, n]) => state.toLowerCase() + ' ' + number(n)).join(' \u00b7 '));
    setCell(cells.remaining, number(event.remaining), 'of ' + number(event.capacity)
      + (fcfs && event.remaining === 0 ? ' \u00b7 sold out' : ''));
    setCell(cells.succeeded, number(c.succeeded));
    setCell(cells.rejected, number(c.rejected ? sum(c.rejected) : null), Object.entries(c.rejected || {})
      .map(([reason, n]) => reason + ' ' + number(n)).join(' \u00b7 '));
    setCell(cells.failed, number(c.failed), null, Number(c.failed) > 0);
    setCell(cells.dlq, number(c.dlqMessages), null, Number(c.dlqMessages) > 0);
    setCell(cells.p95, c.decisionLatencyP95Ms === null || c.decisionLatencyP95Ms === undefined ? '\u2014'
      : number(c.decisionLatencyP95Ms) + ' ms', c.latencyWindowMinutes ? 'last ' + c.latencyWindowMinutes + ' min' : null);
    if (detail.error) {
      setCell(cells.acceptedRate, '\u2014', detail.error, true);
    }
    const closed = event.state === 'CLOSED';
    entry.buttons.close.hidden = closed;
    entry.buttons.restock.hidden = !fcfs;
    entry.buttons.draw.hidden = fcfs || !closed || event.drawState === 'DRAWN';
    entry.link.hidden = !closed;
  }

  function renderQueue(queue) {
    const q = queue || {};
    $('queue-messages').textContent = number(q.messages);
    $('queue-inflight').textContent = number(q.inFlight);
    $('queue-oldest').textContent = q.oldestAgeSeconds === null || q.oldestAgeSeconds === undefined
      ? '\u2014' : number(q.oldestAgeSeconds) + ' s';
    $('queue-dlq').textContent = number(q.dlqMessages);
    $('queue-dlq-tile').classList.toggle('alert', Number(q.dlqMessages) > 0);
  }

  async function poll() {
    try {
      const list = await call('GET', '/events');
      const events = (list && list.events) || [];
      const details = await Promise.all(events.map((event) =>
        call('GET', '/events/' + encodeURIComponent(event.eventId)).catch((err) => ({event, error: err.message}))));
      const at = performance.now();
      const seen = new Set();
      details.sort((a, b) => a.event.eventId.localeCompare(b.event.eventId));
      for (const detail of details) {
        renderEvent(detail, at);
        seen.add(detail.event.eventId);
      }
      for (const [eventId, entry] of rows) {
        if (!seen.has(eventId)) {
          entry.row.remove();
          rows.delete(eventId);
          previous.delete(eventId);
        }
      }
      renderQueue((details.find((d) => d.queue) || {}).queue);
      $('no-events').hidden = details.length > 0;
      setStatus('live', 'live \u00b7 updated ' + new Date().toLocaleTimeString('en-GB'));
    } catch (err) {
      setStatus('down', 'cannot read the admin API: ' + err.message);
    } finally {
      setTimeout(poll, POLL_MS);
    }
  }

  const ACTIONS = {
    close: {
      question: (id) => 'Close ' + id + ' now? Requests arriving after this are rejected.',
      run: (id) => call('POST', '/events/' + encodeURIComponent(id) + '/close', {}),
      done: (id, r) => id + ' closed' + (r && r.event && r.event.closesAt ? ' at ' + r.event.closesAt : ''),
    },
    restock: {
      question: (id) => 'Restock ' + id + ': change its stock by how many units?',
      units: true,
      run: (id, units) => call('POST', '/events/' + encodeURIComponent(id) + '/restock', {units}),
      done: (id, r, units) => id + ' restocked by ' + units + ': remaining ' + number(r.event.remaining)
        + ' of ' + number(r.event.capacity),
    },
    redrive: {
      question: (id) => 'Redrive up to 100 dead-lettered messages of ' + id + ' back to the work queue?',
      run: (id) => call('POST', '/redrive', {eventId: id, max: 100, reason: 'console'}),
      done: (id, r) => 'redrive of ' + id + ': examined ' + r.examined + ', redriven ' + r.redriven
        + ', skipped ' + r.skipped + ', failed ' + r.failed,
    },
    draw: {
      question: (id) => 'Draw the winners of ' + id + '? The draw is final and its seed is published.',
      run: (id) => call('POST', '/events/' + encodeURIComponent(id) + '/draw', {}),
      done: (id, r) => id + ' drawn: ' + number(count(r.draw && r.draw.winners)) + ' winners of '
        + number(count(r.draw && r.draw.entries)) + ' entries' + (r.first ? '' : ' (drawn before)'),
    },
  };

  function ask(action, eventId) {
    pending = {action, eventId};
    $('confirm-text').textContent = ACTIONS[action].question(eventId);
    $('confirm-units-label').hidden = !ACTIONS[action].units;
    $('confirm').hidden = false;
    $('confirm-yes').disabled = false;
    $('confirm-yes').focus();
  }

  function dismiss() {
    pending = null;
    $('confirm').hidden = true;
  }

  async function confirm() {
    if (!pending) {
      return;
    }
    const {action, eventId} = pending;
    const spec = ACTIONS[action];
    let units = null;
    if (spec.units) {
      units = Number($('confirm-units').value);
      if (!Number.isInteger(units) || units === 0) {
        log('error', 'restock of ' + eventId + ': units must be a whole number other than 0');
        return;
      }
    }
    dismiss();
    const item = log('pending', action + ' ' + eventId + '\u2026');
    try {
      const result = await spec.run(eventId, units);
      item.className = 'ok';
      item.lastChild.textContent = spec.done(eventId, result, units);
    } catch (err) {
      item.className = 'error';
      item.lastChild.textContent = action + ' ' + eventId + ' refused: ' + err.message;
    }
  }

  document.addEventListener('DOMContentLoaded', () => {
    $('confirm-yes').addEventListener('click', confirm);
    $('confirm-no').addEventListener('click', dismiss);
    poll();
  });
})();
