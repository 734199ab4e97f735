// Draws the graph held in #kg-data as an interactive SVG diagram: a small force-directed
// layout, pan (drag the background), zoom (wheel), drag nodes, click for properties.
// Every text goes through textContent, never markup, so values cannot inject anything.
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('kg-data').textContent);
  var NS = 'http://www.w3.org/2000/svg';
  var PALETTE = ['#8dd3c7', '#ffffb3', '#bebada', '#fb8072', '#80b1d3', '#fdb462',
    '#b3de69', '#fccde5', '#d9d9d9', '#bc80bd', '#ccebc5', '#ffed6f'];
  var RADIUS = 16;
  var svg = document.getElementById('canvas');
  var panel = document.getElementById('panel');

  function el(name, attrs, parent) {
    var e = document.createElementNS(NS, name);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (parent) parent.appendChild(e);
    return e;
  }

  // Colours by first label, in order of appearance.
  var colours = new Map();
  data.nodes.forEach(function (n) {
    var l = n.labels[0];
    if (l === undefined || colours.has(l)) return;
    // Past the palette, hues spread by the golden angle stay distinct.
    var i = colours.size;
    colours.set(l, i < PALETTE.length ? PALETTE[i] : 'hsl(' + Math.round(i * 137.508) % 360 + ', 65%, 72%)');
  });
  var legend = document.getElementById('legend');
  colours.forEach(function (colour, label) {
    var item = document.createElement('span');
    var dot = document.createElement('i');
    dot.style.background = colour;
    item.appendChild(dot);
    item.appendChild(document.createTextNode(':' + label));
    legend.appendChild(item);
  });

  var defs = el('defs', {}, svg);
  var marker = el('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: '10', refY: '5',
    markerWidth: '7', markerHeight: '7', orient: 'auto-start-reverse' }, defs);
  el('path', { d: 'M0,0 L10,5 L0,10 z', fill: '#999' }, marker);
  var viewport = el('g', {}, svg);
  var relLayer = el('g', {}, viewport);
  var nodeLayer = el('g', {}, viewport);

  // Nodes start on a spiral (deterministic, so the same export always draws the same way).
  var byId = new Map();
  var nodes = data.nodes.map(function (n, i) {
    var angle = i * 2.399963;
    var dist = 30 * Math.sqrt(i + 1);
    var node = { data: n, x: dist * Math.cos(angle), y: dist * Math.sin(angle), vx: 0, vy: 0, fixed: false };
    node.g = el('g', { 'class': 'node', 'data-id': String(n.id) }, nodeLayer);
    el('circle', { r: RADIUS, fill: colours.get(n.labels[0]) || '#eeeeee' }, node.g);
    var caption = el('text', { y: RADIUS + 12 }, node.g);
    caption.textContent = n.caption;
    var title = el('title', {}, node.g);
    title.textContent = n.labels.map(function (l) { return ':' + l; }).join('') + (n.caption ? ' ' + n.caption : '');
    byId.set(n.id, node);
    return node;
  });

  // Parallel relationships between one pair of nodes get distinct curves.
  var pairCount = new Map();
  var rels = data.relationships.map(function (r) {
    var key = r.start < r.end ? r.start + ':' + r.end : r.end + ':' + r.start;
    var index = pairCount.get(key) || 0;
    pairCount.set(key, index + 1);
    var rel = { data: r, a: byId.get(r.start), b: byId.get(r.end), index: index, key: key };
    rel.g = el('g', { 'class': 'rel', 'data-id': String(r.id) }, relLayer);
    rel.line = el('path', { 'class': 'line', 'marker-end': 'url(#arrow)' }, rel.g);
    rel.hit = el('path', { 'class': 'hit' }, rel.g);
    rel.label = el('text', {}, rel.g);
    rel.label.textContent = r.type;
    return rel;
  }).filter(function (r) { return r.a && r.b; });
  rels.forEach(function (r) { r.total = pairCount.get(r.key); });

  function geometry(r) {
    var a = r.a, b = r.b;
    if (a === b) {
      var s = 40 + 14 * r.index;
      return { d: 'M' + (a.x + RADIUS * 0.7) + ',' + (a.y - RADIUS * 0.7) +
        ' C' + (a.x + s) + ',' + (a.y - s * 1.6) + ' ' + (a.x + s * 1.6) + ',' + (a.y - s * 0.2) +
        ' ' + (a.x + RADIUS) + ',' + a.y, lx: a.x + s * 0.9, ly: a.y - s * 0.9 };
    }
    var dx = b.x - a.x, dy = b.y - a.y;
    var len = Math.sqrt(dx * dx + dy * dy) || 1;
    // Curvature: 0 for a single relationship, symmetric offsets for parallel ones; the sign
    // follows the pair's canonical order so that opposite directions do not overlap.
    var bend = (r.index - (r.total - 1) / 2) * 28 * (r.data.start < r.data.end ? 1 : -1);
    var mx = (a.x + b.x) / 2 - dy / len * bend, my = (a.y + b.y) / 2 + dx / len * bend;
    // End the line at the target's circle, so the arrowhead shows.
    var ex = b.x - mx, ey = b.y - my, el2 = Math.sqrt(ex * ex + ey * ey) || 1;
    var tx = b.x - ex / el2 * RADIUS, ty = b.y - ey / el2 * RADIUS;
    return { d: 'M' + a.x + ',' + a.y + ' Q' + mx + ',' + my + ' ' + tx + ',' + ty,
      lx: (a.x + 2 * mx + b.x) / 4, ly: (a.y + 2 * my + b.y) / 4 };
  }

  function draw() {
    nodes.forEach(function (n) { n.g.setAttribute('transform', 'translate(' + n.x + ',' + n.y + ')'); });
    rels.forEach(function (r) {
      var g = geometry(r);
      r.line.setAttribute('d', g.d);
      r.hit.setAttribute('d', g.d);
      r.label.setAttribute('x', g.lx);
      r.label.setAttribute('y', g.ly);
    });
  }

  // Force-directed layout: repulsion between all nodes, springs along relationships, a weak
  // pull to the centre; velocities decay and the temperature (alpha) cools to a stop.
  var alpha = 1;
  var running = false;
  function tick() {
    var i, j, a, b, dx, dy, d2, f;
    for (i = 0; i < nodes.length; i++) {
      a = nodes[i];
      for (j = i + 1; j < nodes.length; j++) {
        b = nodes[j];
        dx = a.x - b.x; dy = a.y - b.y; d2 = dx * dx + dy * dy;
        if (d2 < 1) { dx = (i - j) * 0.5; dy = 0.5; d2 = dx * dx + dy * dy; }
        if (d2 > 360000) continue;
        f = 1800 / d2;
        a.vx += dx * f; a.vy += dy * f; b.vx -= dx * f; b.vy -= dy * f;
      }
    }
    rels.forEach(function (r) {
      if (r.a === r.b) return;
      dx = r.a.x - r.b.x; dy = r.a.y - r.b.y;
      var d = Math.sqrt(dx * dx + dy * dy) || 1;
      f = 0.06 * (d - 110) / d;
      r.a.vx -= dx * f; r.a.vy -= dy * f; r.b.vx += dx * f; r.b.vy += dy * f;
    });
    nodes.forEach(function (n) {
      n.vx -= n.x * 0.01; n.vy -= n.y * 0.01;
      if (n.fixed) { n.vx = 0; n.vy = 0; return; }
      n.vx *= 0.6; n.vy *= 0.6;
      var step = Math.min(1, 30 / (Math.abs(n.vx) + Math.abs(n.vy) + 1e-9));
      n.x += n.vx * alpha * step; n.y += n.vy * alpha * step;
    });
    alpha *= 0.985;
  }
  var fitted = false;
  function frame() {
    var ticks = nodes.length > 1500 ? 1 : 4;
    for (var k = 0; k < ticks && alpha > 0.02; k++) tick();
    draw();
    if (alpha > 0.02) {
      requestAnimationFrame(frame);
    } else {
      running = false;
      if (!fitted) { fitted = true; fit(); }
      document.body.setAttribute('data-layout', 'done');
    }
  }
  function heat(to) {
    alpha = Math.max(alpha, to);
    document.body.setAttribute('data-layout', 'running');
    if (!running) { running = true; requestAnimationFrame(frame); }
  }

  // Pan and zoom: one transform on the viewport group.
  var view = { x: 0, y: 0, k: 1 };
  function applyView() {
    viewport.setAttribute('transform', 'translate(' + view.x + ',' + view.y + ') scale(' + view.k + ')');
  }
  function fit() {
    var box = svg.getBoundingClientRect();
    if (!nodes.length || !box.width) return;
    var minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    nodes.forEach(function (n) {
      minX = Math.min(minX, n.x); maxX = Math.max(maxX, n.x);
      minY = Math.min(minY, n.y); maxY = Math.max(maxY, n.y);
    });
    var pad = 60;
    var k = Math.min(box.width / (maxX - minX + 2 * pad), box.height / (maxY - minY + 2 * pad), 2);
    view.k = k;
    view.x = box.width / 2 - k * (minX + maxX) / 2;
    view.y = box.height / 2 - k * (minY + maxY) / 2;
    applyView();
  }
  function toGraph(evt) {
    var box = svg.getBoundingClientRect();
    return { x: (evt.clientX - box.left - view.x) / view.k, y: (evt.clientY - box.top - view.y) / view.k };
  }
  svg.addEventListener('wheel', function (evt) {
    evt.preventDefault();
    var box = svg.getBoundingClientRect();
    var px = evt.clientX - box.left, py = evt.clientY - box.top;
    var factor = Math.exp(-evt.deltaY * 0.0015);
    var k = Math.min(8, Math.max(0.05, view.k * factor));
    view.x = px - (px - view.x) * k / view.k;
    view.y = py - (py - view.y) * k / view.k;
    view.k = k;
    applyView();
  }, { passive: false });

  // One pointer gesture at a time: on a node it drags the node, elsewhere it pans; a press
  // that barely moves is a click and selects what is under it.
  var gesture = null;
  function entityAt(target) {
    var g = target.closest ? target.closest('g.node, g.rel') : null;
    if (!g) return null;
    var id = Number(g.getAttribute('data-id'));
    if (g.classList.contains('node')) return { kind: 'node', item: byId.get(id) };
    return { kind: 'rel', item: rels.find(function (r) { return r.data.id === id; }) };
  }
  svg.addEventListener('pointerdown', function (evt) {
    var hit = entityAt(evt.target);
    gesture = { hit: hit, sx: evt.clientX, sy: evt.clientY, vx: view.x, vy: view.y, moved: false };
    if (hit && hit.kind === 'node') hit.item.fixed = true; else svg.classList.add('panning');
    svg.setPointerCapture(evt.pointerId);
  });
  svg.addEventListener('pointermove', function (evt) {
    if (!gesture) return;
    var dx = evt.clientX - gesture.sx, dy = evt.clientY - gesture.sy;
    if (Math.abs(dx) + Math.abs(dy) > 3) gesture.moved = true;
    if (!gesture.moved) return;
    if (gesture.hit && gesture.hit.kind === 'node') {
      var p = toGraph(evt);
      gesture.hit.item.x = p.x; gesture.hit.item.y = p.y;
      heat(0.3);
      draw();
    } else {
      view.x = gesture.vx + dx; view.y = gesture.vy + dy;
      applyView();
    }
  });
  function endGesture() {
    if (!gesture) return;
    if (gesture.hit && gesture.hit.kind === 'node') gesture.hit.item.fixed = false;
    if (!gesture.moved) select(gesture.hit);
    svg.classList.remove('panning');
    gesture = null;
  }
  svg.addEventListener('pointerup', endGesture);
  svg.addEventListener('pointercancel', endGesture);

  var selected = null;
  function row(table, key, value) {
    var tr = document.createElement('tr');
    var k = document.createElement('td');
    k.className = 'key';
    k.textContent = key;
    var v = document.createElement('td');
    v.textContent = value;
    tr.appendChild(k);
    tr.appendChild(v);
    table.appendChild(tr);
  }
  function select(hit) {
    if (selected) selected.item.g.classList.remove('selected');
    selected = hit && hit.item ? hit : null;
    panel.textContent = '';
    var h = document.createElement('h2');
    panel.appendChild(h);
    if (!selected) {
      h.textContent = 'Nothing selected';
      var p = document.createElement('p');
      p.className = 'hint';
      p.textContent = 'Click a node or relationship to see its properties.';
      panel.appendChild(p);
      return;
    }
    selected.item.g.classList.add('selected');
    var d = selected.item.data;
    var table = document.createElement('table');
    if (selected.kind === 'node') {
      h.textContent = (d.labels.map(function (l) { return ':' + l; }).join('') || 'node') + ' ' + d.caption;
      row(table, 'id', String(d.id));
    } else {
      h.textContent = ':' + d.type;
      row(table, 'id', String(d.id));
      row(table, 'from', String(d.start) + ' ' + byId.get(d.start).data.caption);
      row(table, 'to', String(d.end) + ' ' + byId.get(d.end).data.caption);
    }
    d.properties.forEach(function (kv) { row(table, kv[0], kv[1]); });
    panel.appendChild(table);
  }
  document.getElementById('fit').addEventListener('click', fit);

  select(null);
  draw();
  fit();
  heat(1);
})();
