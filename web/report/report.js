// The HTML report's page script (`reliefsim report`, docs/architecture.md): draws the
// headlines, map, charts, table, notes and sources from the run's data (the JSON of the
// script element #report-data) with the views of web/shared/views.js, then marks the body for
// the browser test: data-ready, data-map-states, data-table-rows, data-headline-bottom,
// data-errors. Every text from the data goes in with textContent.
(function () {
  'use strict';
  var V = window.reliefsimViews, el = V.el, $ = V.$;
  var data = JSON.parse($('report-data').textContent);
  var states = JSON.parse($('us-states').textContent);
  var current = data.scenarios[0].id;  // the scenario the map, charts and table show

  function rows(f) { return data.rows.filter(f); }
  // The rows of scenario `s` on the as-of date.
  function main(s, m, u) { return rows(function (r) { return r.scenario === s && r.main && r.measure === m && r.unit === u; }); }
  function total(s, m, u) { return main(s, m, u).filter(V.isTotal)[0] || null; }

  // ---- words -----------------------------------------------------------------------------------

  document.title = data.title + ' - reliefsim';
  $('title').textContent = data.title;
  var about = $('run-about');
  about.textContent = 'As of ' + data.as_of + '. Every figure is the median of ' + data.replicates +
    ' Monte Carlo replicates (seed ' + data.seed + ') with its 90% interval. reliefsim ' + data.version + '. ';
  var toDefinitions = el('a', 'What each measure counts');
  toDefinitions.href = '#definitions';
  about.appendChild(toDefinitions);
  about.appendChild(document.createTextNode('.'));

  // The answer first: each scenario's national totals on the as-of date.
  data.scenarios.forEach(function (s) {
    var box = el('section', null, 'headline');
    box.dataset.scenario = s.id;
    box.appendChild(el('h2', s.title));
    var figures = el('div', null, 'figures');
    V.figures(figures, [['people eligible', total(s.id, 'eligible', 'people')],
                        ['records eligible', total(s.id, 'eligible', 'records')],
                        ['records cleared by ' + data.as_of, total(s.id, 'cleared', 'records')],
                        ['people left with no record', total(s.id, 'cleared', 'people_fully_cleared')]]);
    box.appendChild(figures);
    if (s.drivers) box.appendChild(el('p', s.drivers + '.', 'meta'));
    s.cleared_means.forEach(function (m) { box.appendChild(el('p', m, 'meta')); });
    var files = el('p', 'Data on ' + data.as_of + ': ', 'meta');
    [['a row per jurisdiction (CSV)', '_wide.csv', ', '], ['tidy CSV', '.csv', ', '], ['JSON', '.json', ', '],
     ['Markdown', '.md', ', '], ['by race (CSV)', '_race.csv', ', '], ['workload (CSV)', '_fiscal.csv',
     '; month by month, beyond the as-of date: '], ['timeline CSV', '_timeline.csv', '.']].forEach(function (f) {
      var a = el('a', f[0]);
      a.href = s.id + f[1];  // ids are letters, digits and _ . - (checked when loaded)
      files.appendChild(a);
      files.appendChild(document.createTextNode(f[2]));
    });
    box.appendChild(files);
    var more = el('details');
    more.appendChild(el('summary', 'About this scenario'));
    var p = el('p');
    p.appendChild(el('code', s.id));
    p.appendChild(document.createTextNode(': ' + s.description));
    more.appendChild(p);
    box.appendChild(more);
    $('headlines').appendChild(box);
  });
  // Where the first headline's figures end on the page, for the test of "the answer first".
  var figures = document.querySelector('.headline .figures');
  if (figures) document.body.dataset.headlineBottom = String(Math.round(figures.getBoundingClientRect().bottom + window.scrollY));

  if (data.notes.length) {
    data.notes.forEach(function (n) { $('notes').appendChild(el('li', n)); });
    $('notes-block').hidden = false;
  }
  var assumptions = document.querySelector('#assumptions tbody');
  data.assumptions.forEach(function (a) {
    var tr = document.createElement('tr');
    tr.appendChild(el('td')).appendChild(el('code', a.id));
    tr.appendChild(el('td', a.description));
    tr.appendChild(el('td', a.range));
    assumptions.appendChild(tr);
  });
  document.querySelector('#assumptions-block summary').textContent = 'Assumptions (' + data.assumptions.length + ')';
  function sourceList(list, items) {
    items.forEach(function (s) {
      var li = el('li');
      li.appendChild(s.href ? V.link(s.title, s.href) : document.createTextNode(s.title));
      if (s.note) li.appendChild(el('span', ' (' + s.note + ')', 'meta'));
      list.appendChild(li);
    });
  }
  sourceList($('sources'), data.sources);
  sourceList($('inputs'), data.input_files);
  document.querySelector('#sources-block summary').textContent = 'Sources (' + data.sources.length + ')';
  document.querySelector('#inputs-block summary').textContent =
    'Input files and their SHA-256 (' + data.input_files.length + ')';

  // ---- the table: one row a jurisdiction, then the total -------------------------------------

  var columns = [['eligible', 'people'], ['eligible', 'records'], ['legally_relieved', 'records'], ['cleared', 'records'],
                 ['cleared', 'people_fully_cleared'], ['already_relieved', 'records']];
  function table() {
    var byPostal = {};
    columns.forEach(function (c, i) {
      main(current, c[0], c[1]).forEach(function (r) {
        var key = V.isTotal(r) ? 'Total' : r.postal;
        (byPostal[key] = byPostal[key] || {row: r, v: []}).v[i] = r;
      });
    });
    // † : a board must agree to the pardon there (see the notes).
    var n = V.jurisdictionRows(document.querySelector('#jurisdictions tbody'), Object.keys(byPostal), function (p) {
      var r = byPostal[p].row;
      return r.jurisdiction + (r.board !== undefined ? ' †' : '');
    }, function (p) {
      var e = byPostal[p];
      return [{text: p === 'Total' ? '' : p}, {text: e.row.fips}].concat(columns.map(function (c, i) {
        return {text: V.interval(e.v[i]), n: true};
      }));
    });
    document.body.dataset.tableRows = String(n);
  }

  // ---- by race, and the courts' and agencies' workload, of the scenario shown ------------------

  function scenarioOf(id) { return data.scenarios.filter(function (s) { return s.id === id; })[0]; }
  function fill(tbody, lines) {
    while (tbody.firstChild) tbody.removeChild(tbody.firstChild);
    lines.forEach(function (cells) {
      var tr = el('tr');
      cells.forEach(function (c, i) { tr.appendChild(el('td', c, i ? 'n' : '')); });
      tbody.appendChild(tr);
    });
  }
  function percent(v) { return (100 * v).toFixed(1) + '%'; }
  function byRace() {
    var split = scenarioOf(current).by_race, lines = [];
    if (split) {
      ['black', 'white', 'other', 'not_split'].forEach(function (race) {
        var cell = function (m, u) {
          return split.rows.filter(function (r) { return r.jurisdiction === 'Total' && !r.postal && r.race === race && r.measure === m && r.unit === u; })[0];
        };
        var e = cell('eligible', 'people');
        if (!e || (race === 'not_split' && !(e.p95 > 0))) return;
        var d = split.disparity.filter(function (x) { return x.race === race; })[0];
        lines.push([race === 'not_split' ? 'not split (no race profile)' : race, V.interval(e), V.interval(cell('cleared', 'people')),
                    V.interval(cell('cleared', 'people_fully_cleared')),
                    d ? percent(d.eligible_share.median) + ' (' + percent(d.eligible_share.p05) + '–' + percent(d.eligible_share.p95) + ')' : '',
                    d ? percent(d.population_share) : '',
                    d ? d.ratio.median.toFixed(2) + ' (' + d.ratio.p05.toFixed(2) + '–' + d.ratio.p95.toFixed(2) + ')' : '']);
      });
    }
    fill(document.querySelector('#by-race tbody'), lines);
  }
  function fiscal() {
    var note = scenarioOf(current).fiscal, lines = [];
    if (note) {
      var shown = note.rows.filter(function (r) { return r.jurisdiction === 'Total' || r.cost.p95 > 0; });
      shown.forEach(function (r) {
        lines.push([r.jurisdiction === 'Total' ? 'Total' : r.jurisdiction + ' (' + r.postal + ')', r.basis.replace(/_/g, ' '),
                    V.interval(r.cases_to_review), V.interval(r.staff_hours), '$' + V.interval(r.cost)]);
      });
    }
    fill(document.querySelector('#fiscal tbody'), lines);
  }

  // ---- charts --------------------------------------------------------------------------------

  var pending = 0;
  function started(promise) {
    pending++;
    return promise.then(done, function (e) { V.noteError(e); });
  }
  function done() { if (--pending === 0) document.body.dataset.ready = '1'; }

  // The map: records or people, eligible or cleared, or per 100,000 residents.
  var metrics = {
    records_eligible: ['eligible', 'records', false, 'records eligible'],
    records_cleared: ['cleared', 'records', false, 'records cleared'],
    people_cleared: ['cleared', 'people_fully_cleared', false, 'people fully cleared'],
    records_already_relieved: ['already_relieved', 'records', false, 'records current law had already relieved'],
    records_cleared_per_100k: ['cleared', 'records', true, 'records cleared per 100,000 adults'],
    records_eligible_per_100k: ['eligible', 'records', true, 'records eligible per 100,000 adults']
  };
  function drawMap() {
    var m = metrics[$('metric').value];
    var byFips = {};
    main(current, m[0], m[1]).forEach(function (r) { if (r.fips) byFips[r.fips] = r; });
    // Every state and D.C.: grey where the scenario does not act, shaded by the figure where it does.
    var values = data.jurisdictions.map(function (j) {
      var r = byFips[j.fips], pop = data.population[j.postal];
      return {id: j.fips, name: j.name, value: !r ? null : m[2] ? (pop ? r.median * 100000 / pop : null) : r.median,
              lo: r ? r.p05 : null, hi: r ? r.p95 : null};
    });
    return started(V.embed('#map', V.mapSpec(states, values, m[3], m[2] ? ',.1f' : ',.0f'), true).then(function () {
      document.body.dataset.mapStates = String(V.mapStates('#map'));
    }));
  }
  $('metric').addEventListener('change', drawMap);

  function ranked() {
    var values = main(current, 'eligible', 'records').filter(function (r) { return !V.isTotal(r) && r.p95 > 0; });
    return started(V.embed('#ranked', V.rankedSpec(values, 'records eligible'), true));
  }

  // Cumulative clearance by month, for the jurisdictions that clear most.
  function timeline() {
    var t = rows(function (r) { return r.scenario === current && r.measure === 'cleared' && r.unit === 'records' && !V.isTotal(r); });
    var last = {};
    t.forEach(function (r) { last[r.postal] = Math.max(last[r.postal] || 0, r.median); });
    var top = Object.keys(last).sort(function (a, b) { return last[b] - last[a]; }).slice(0, 8);
    return started(V.embed('#timeline', V.linesSpec(t.filter(function (r) { return top.indexOf(r.postal) >= 0; }),
                                                    'records cleared (median)'), true));
  }

  function stages() {
    return started(V.embed('#stages', V.stagesSpec(rows(function (r) { return r.scenario === current; })), true));
  }

  // Several scenarios, or one against current law: totals side by side, and paired differences.
  function comparison() {
    var box = $('comparison');
    if (data.scenarios.length < 2 && data.differences.length === 0) { box.hidden = true; return; }
    var ids = data.scenarios.map(function (s) { return s.id; });
    var all = ids.concat(data.differences);
    // Headers as in the table below.
    var titles = Array.prototype.map.call(document.querySelectorAll('#jurisdictions thead th'), function (th) { return th.textContent; }).slice(3);
    var t = document.createElement('table'), head = t.createTHead().insertRow(), body = t.createTBody();
    ['scenario'].concat(titles).forEach(function (x) { head.appendChild(el('th', x)); });
    all.forEach(function (s) {
      var tr = body.insertRow();
      tr.appendChild(el('td', s));
      columns.forEach(function (c) { tr.appendChild(el('td', V.interval(total(s, c[0], c[1])), 'n')); });
    });
    box.querySelector('.tables').replaceChildren(t);
    started(V.embed('#comparison-chart', {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json', width: 500,
      data: {values: rows(function (x) { return ids.indexOf(x.scenario) >= 0 && x.main && V.isTotal(x) && x.unit === 'records'; })
        .map(function (x) { return {s: x.scenario, m: x.measure, v: x.median}; })},
      mark: 'bar',
      encoding: {x: {field: 'v', type: 'quantitative', title: 'records, total (median)'},
                 y: {field: 's', type: 'nominal', title: null},
                 color: {field: 'm', type: 'nominal', title: 'measure'},
                 yOffset: {field: 'm'}}
    }, true));
  }

  // Several scenarios: a switcher redraws the map, the charts and the table for another.
  var pick = $('scenario');
  if (data.scenarios.length > 1) {
    data.scenarios.forEach(function (s) { var o = el('option', s.id); o.value = s.id; pick.appendChild(o); });
    pick.addEventListener('change', function () {
      current = pick.value;
      table(); byRace(); fiscal(); drawMap(); ranked(); timeline(); stages();
    });
  } else {
    $('scenario-pick').hidden = true;
  }
  pending++;  // held until everything is started
  table();
  byRace();
  fiscal();
  drawMap();
  ranked();
  timeline();
  stages();
  comparison();
  done();
})();
