// The views both pages draw: the HTML report (`reliefsim report`, which inlines this file)
// and the page of `reliefsim serve` (which serves it as /shared/views.js). Rows have the
// shape of `run --format json`'s: {jurisdiction, postal, fips, measure, unit, as_of, median,
// p05, p95}, jurisdiction "Total" for the total.
//
// Text from input files reaches the page only through textContent and form values, never as
// markup: no function here takes HTML. Charts run with Vega's expression interpreter, so
// neither page needs to allow eval.
(function () {
  'use strict';
  var V = {};

  // Errors and blocked content land in the body's data-errors, for the browser tests.
  var errors = [];
  V.noteError = function (text) {
    errors.push(String(text));
    document.body.dataset.errors = errors.join(' | ');
  };
  window.addEventListener('error', function (e) { V.noteError(e.message); });
  window.addEventListener('unhandledrejection', function (e) { V.noteError(e.reason); });
  document.addEventListener('securitypolicyviolation', function (e) {
    V.noteError('blocked by the page policy: ' + e.violatedDirective + ' ' + e.blockedURI);
  });

  V.$ = function (id) { return document.getElementById(id); };
  V.el = function (tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  };
  // A link only to a web address; anything else stays text.
  V.link = function (text, href) {
    if (typeof href !== 'string' || !/^https?:\/\//.test(href)) return V.el('span', text);
    var a = V.el('a', text);
    a.href = href;
    return a;
  };
  V.fmt = function (v) { return Math.round(Number(v)).toLocaleString('en-US'); };
  // "median (p05–p95)", or the median alone when the interval is one number.
  V.interval = function (r) {
    if (!r) return '–';
    return V.fmt(r.p05) === V.fmt(r.p95) ? V.fmt(r.median) : V.fmt(r.median) + ' (' + V.fmt(r.p05) + '–' + V.fmt(r.p95) + ')';
  };
  V.isTotal = function (r) { return r.jurisdiction === 'Total' && !r.postal; };
  V.find = function (rows, postal, measure, unit) {
    for (var i = 0; i < rows.length; i++) {
      var r = rows[i];
      if ((postal === 'Total' ? V.isTotal(r) : r.postal === postal) && r.measure === measure && r.unit === unit) return r;
    }
    return null;
  };

  // The headline figures: [label, row] pairs, each the median in large type and its interval.
  V.figures = function (box, items) {
    box.replaceChildren();
    items.forEach(function (it) {
      var d = V.el('div');
      d.appendChild(V.el('div', it[0], 'label'));
      var big = V.el('span', it[1] ? V.fmt(it[1].median) : '–', 'big');
      big.dataset.measure = it[0];
      d.appendChild(big);
      if (it[1] && V.fmt(it[1].p05) !== V.fmt(it[1].p95)) d.appendChild(V.el('span', V.fmt(it[1].p05) + '–' + V.fmt(it[1].p95), 'range'));
      box.appendChild(d);
    });
  };

  // A table body: one row a jurisdiction by name, the total last. `cells(postal)` gives the
  // texts of a row after its name; `name(postal)` its name.
  V.jurisdictionRows = function (tbody, postals, name, cells) {
    tbody.replaceChildren();
    var places = postals.filter(function (p) { return p !== 'Total'; }).sort(function (a, b) { return name(a).localeCompare(name(b)); });
    places.push('Total');
    places.forEach(function (p) {
      var tr = document.createElement('tr');
      if (p === 'Total') tr.className = 'total'; else tr.dataset.postal = p;
      tr.appendChild(V.el('td', p === 'Total' ? 'Total' : name(p)));
      cells(p).forEach(function (c) { tr.appendChild(V.el('td', c.text, c.n ? 'n' : '')); });
      tbody.appendChild(tr);
    });
    return places.length - 1;
  };

  var SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
  // Every state and D.C. in grey, shaded by `values` ({id: FIPS, name, value, lo, hi}) where
  // there is a figure.
  V.mapSpec = function (states, values, title, format) {
    return {
      $schema: SCHEMA, width: 720, height: 420,
      data: {values: states, format: {type: 'topojson', feature: 'states'}},
      transform: [{lookup: 'id', from: {data: {values: values}, key: 'id', fields: ['name', 'value', 'lo', 'hi']}},
                  {filter: 'datum.name != null'}],
      projection: {type: 'albersUsa'},
      layer: [
        {mark: {type: 'geoshape', stroke: 'white', strokeWidth: 0.5, fill: '#e4e4e4'}},
        {transform: [{filter: 'datum.value != null'}],
         mark: {type: 'geoshape', stroke: 'white', strokeWidth: 0.5},
         encoding: {
           color: {field: 'value', type: 'quantitative', title: title, scale: {scheme: 'blues'}, legend: {format: format || ',.0f'}},
           tooltip: [{field: 'name', title: 'jurisdiction'}, {field: 'value', title: title, format: format || ',.0f'},
                     {field: 'lo', title: '5th percentile', format: ',.0f'}, {field: 'hi', title: '95th percentile', format: ',.0f'}]
         }}
      ]
    };
  };
  // The map's drawing: the number of states and D.C. drawn (the grey layer holds every one).
  V.mapStates = function (target) {
    var layer = document.querySelector(target + ' .mark-shape');
    return layer ? layer.querySelectorAll('path').length : 0;
  };

  // Where the records wait: the total's records eligible, relieved in law and cleared in the
  // record, by month, each with its 90% band.
  V.STAGES = {eligible: '1 eligible', legally_relieved: '2 relieved in law', cleared: '3 cleared in the record'};
  V.stagesSpec = function (rows) {
    var values = rows.filter(function (r) { return V.isTotal(r) && r.unit === 'records' && V.STAGES[r.measure]; })
      .map(function (r) { return {d: r.as_of, v: r.median, lo: r.p05, hi: r.p95, stage: V.STAGES[r.measure]}; });
    return {
      $schema: SCHEMA, width: 680, height: 240,
      data: {values: values},
      encoding: {x: {field: 'd', type: 'temporal', title: 'month'}, color: {field: 'stage', type: 'nominal', title: 'stage'}},
      layer: [{mark: {type: 'area', opacity: 0.15}, encoding: {y: {field: 'lo', type: 'quantitative'}, y2: {field: 'hi'}}},
              {mark: {type: 'line', point: values.length < 3},
               encoding: {y: {field: 'v', type: 'quantitative', title: 'records, total (median, 90% band)'}}}]
    };
  };

  // The jurisdictions ranked by a figure, with 90% intervals.
  V.rankedSpec = function (rows, title) {
    return {
      $schema: SCHEMA, width: 600, height: {step: 14},
      data: {values: rows.map(function (r) { return {name: r.jurisdiction, v: r.median, lo: r.p05, hi: r.p95}; })},
      encoding: {y: {field: 'name', type: 'nominal', sort: '-x', title: null}},
      layer: [
        {mark: {type: 'bar', color: '#6baed6'}, encoding: {x: {field: 'v', type: 'quantitative', title: title + ' (median, 90% interval)'}}},
        {mark: {type: 'rule', color: '#08306b'}, encoding: {x: {field: 'lo', type: 'quantitative'}, x2: {field: 'hi'}}}
      ]
    };
  };

  // One line a jurisdiction, by month.
  V.linesSpec = function (rows, title) {
    return {
      $schema: SCHEMA, width: 680, height: 300,
      data: {values: rows.map(function (r) { return {d: r.as_of, v: r.median, name: r.jurisdiction}; })},
      mark: {type: 'line', point: false},
      encoding: {x: {field: 'd', type: 'temporal', title: 'month'},
                 y: {field: 'v', type: 'quantitative', title: title},
                 color: {field: 'name', type: 'nominal', title: 'jurisdiction'}}
    };
  };

  // Draws a chart. `exportable`: the menu that saves it as SVG or PNG.
  V.embed = function (target, spec, exportable) {
    return vegaEmbed(target, spec, {
      renderer: 'svg', ast: true, expr: window.vegaExpressionInterpreter, defaultStyle: false,
      tooltip: {disableDefaultStyle: true}, forceActionsMenu: true,
      actions: exportable ? {export: true, source: false, compiled: false, editor: false} : false
    });
  };

  window.reliefsimViews = V;
})();
