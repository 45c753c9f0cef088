// The page of `reliefsim serve` (docs/serve.md): the knobs of a scenario as controls; every
// change posts the scenario to /api/project and redraws the totals, the map, the timeline
// and the table, with the views the HTML report draws too (web/shared/views.js). Text from
// input files and from the server reaches the page only through textContent and form
// values, never as markup. The body's data-* attributes tell a test what happened:
// data-projections (answers drawn), data-map-states, data-errors.
(function () {
  'use strict';
  var V = window.reliefsimViews, noteError = V.noteError, $ = V.$, el = V.el, fmt = V.fmt, interval = V.interval,
      find = V.find;

  var api = null;          // GET /api/scenarios
  var knobs = null;        // the scenario being edited, in the shape of its YAML file
  var last = null;         // the latest answer of /api/project
  var pending = null;      // the request in flight
  var timer = null;
  var projections = 0;
  var states = null;       // us-atlas shapes

  function clone(x) { return JSON.parse(JSON.stringify(x)); }
  function status(text, cls) {
    var s = $('status');
    s.textContent = text;
    s.className = cls || '';
  }

  // ---- the knobs ---------------------------------------------------------------------------

  function changed() {
    if (timer) clearTimeout(timer);
    timer = setTimeout(project, 250);
  }

  function field(label, control, hint) {
    var l = el('label');
    l.appendChild(document.createTextNode(label + ' '));
    l.appendChild(control);
    if (hint) l.appendChild(el('span', hint, 'hint'));
    return l;
  }

  function select(words, value, onChange) {
    var s = document.createElement('select');
    words.forEach(function (w) {
      var o = el('option', w.label !== undefined ? w.label : w);
      o.value = w.value !== undefined ? w.value : w;
      s.appendChild(o);
    });
    s.value = value === undefined || value === null ? '' : String(value);
    s.addEventListener('change', function () { onChange(s.value); changed(); });
    return s;
  }

  // An optional date: empty removes the key.
  function dateInput(obj, key) {
    var i = document.createElement('input');
    i.type = 'date';
    i.value = obj[key] || '';
    i.addEventListener('change', function () {
      if (i.value) obj[key] = i.value; else delete obj[key];
      changed();
    });
    return i;
  }

  // An optional number with a slider beside it: empty removes the key (no limit).
  function numberInput(get, set, min, max, step) {
    var box = el('span', null, 'number');
    var n = document.createElement('input');
    n.type = 'number'; n.min = min; n.max = max; n.step = step;
    var r = document.createElement('input');
    r.type = 'range'; r.min = min; r.max = max; r.step = step;
    var v = get();
    n.value = v === undefined ? '' : v;
    r.value = v === undefined ? min : v;
    n.addEventListener('change', function () {
      set(n.value === '' ? undefined : Number(n.value));
      if (n.value !== '') r.value = n.value;
      changed();
    });
    r.addEventListener('input', function () { n.value = r.value; });
    r.addEventListener('change', function () { n.value = r.value; set(Number(r.value)); changed(); });
    box.appendChild(r);
    box.appendChild(n);
    return box;
  }

  function checkbox(obj, key, label) {
    var c = document.createElement('input');
    c.type = 'checkbox';
    c.checked = obj[key] === true;
    c.addEventListener('change', function () {
      if (c.checked) obj[key] = true; else delete obj[key];
      changed();
    });
    var l = el('label', null, 'check');
    l.appendChild(c);
    l.appendChild(document.createTextNode(' ' + label));
    return l;
  }

  // A list of words: none ticked removes the key (the scope does not restrict).
  function wordSet(scope, key, words, label) {
    var box = el('fieldset');
    box.appendChild(el('legend', label + ' (none ticked: any)'));
    words.forEach(function (w) {
      var c = document.createElement('input');
      c.type = 'checkbox';
      c.checked = Array.isArray(scope[key]) && scope[key].indexOf(w) >= 0;
      c.addEventListener('change', function () {
        var list = Array.from(box.querySelectorAll('input')).filter(function (x) { return x.checked; })
          .map(function (x) { return x.dataset.word; });
        if (list.length) scope[key] = list; else delete scope[key];
        changed();
      });
      c.dataset.word = w;
      var l = el('label', null, 'check');
      l.appendChild(c);
      l.appendChild(document.createTextNode(' ' + w));
      box.appendChild(l);
    });
    return box;
  }

  function actionControls(a, i) {
    var v = api.vocabulary;
    var box = el('div', null, 'action');
    box.dataset.action = String(i);
    box.appendChild(el('h3', 'Action ' + (a.id || i + 1)));
    var row = el('div', null, 'row');
    var where = document.createElement('input');
    where.type = 'text'; where.size = 24; where.spellcheck = false;
    where.value = (a.jurisdictions || []).join(', ');
    where.className = 'knob-jurisdictions';
    where.addEventListener('change', function () {
      a.jurisdictions = where.value.split(/[\s,]+/).filter(Boolean).map(function (x) { return x === 'all_states' ? x : x.toUpperCase(); });
      changed();
    });
    row.appendChild(field('Jurisdictions', where, 'postal codes, or all_states'));
    row.appendChild(field('Who acts', select(v.acted_by, a.acted_by, function (x) { a.acted_by = x; })));
    box.appendChild(row);
    if (a.provision) {
      box.appendChild(el('p', 'Mechanism, date and scope come from the law: provision ' + a.provision + '.', 'hint'));
    } else {
      row = el('div', null, 'row');
      var mech = select(v.mechanism, a.mechanism, function (x) { a.mechanism = x; });
      mech.className = 'knob-mechanism';
      row.appendChild(field('Mechanism', mech));
      row.appendChild(field('Takes effect', dateInput(a, 'date')));
      box.appendChild(row);
    }
    row = el('div', null, 'row');
    row.appendChild(field('Deadline', dateInput(a, 'deadline'), 'optional'));
    row.appendChild(field('Window ends', dateInput(a, 'ends'), 'optional'));
    row.appendChild(field('Fee (USD)', numberInput(function () { return a.fee ? a.fee.value : undefined; },
      function (x) { if (x === undefined) delete a.fee; else a.fee = {value: x, unit: 'usd'}; }, 0, 1000, 5), 'empty: none'));
    box.appendChild(row);
    row = el('div', null, 'row');
    row.appendChild(checkbox(a, 'outreach', 'outreach: people are told they qualify'));
    row.appendChild(checkbox(a, 'free_legal_help', 'free legal help'));
    row.appendChild(checkbox(a, 'fingerprints', 'fingerprints required'));
    row.appendChild(checkbox(a, 'hearing', 'court hearing required'));
    row.appendChild(checkbox(a, 'records_updated_by_agency', 'records updated by the agency (pardons)'));
    box.appendChild(row);
    if (a.provision) return box;

    var scope = a.scope = a.scope || {};
    var sc = el('div', null, 'scope');
    sc.appendChild(el('h4', 'Which records'));
    row = el('div', null, 'row');
    row.appendChild(wordSet(scope, 'offenses', v.offenses, 'Offenses'));
    row.appendChild(wordSet(scope, 'grades', v.grades, 'Grades'));
    row.appendChild(wordSet(scope, 'dispositions', v.dispositions, 'Dispositions'));
    sc.appendChild(row);
    row = el('div', null, 'row');
    var amount = numberInput(function () { return scope.max_amount ? scope.max_amount.value : undefined; },
      function (x) {
        if (x === undefined) delete scope.max_amount;
        else scope.max_amount = {value: x, unit: scope.max_amount ? scope.max_amount.unit : 'ounce'};
      }, 0, 64, 0.5);
    amount.classList.add('knob-amount');
    row.appendChild(field('Amount limit', amount, 'empty: any amount'));
    row.appendChild(field('unit', select(v.amount_units, scope.max_amount ? scope.max_amount.unit : 'ounce', function (x) {
      if (scope.max_amount) scope.max_amount.unit = x;
    })));
    var lookback = numberInput(function () { return scope.lookback_years; },
      function (x) { if (x === undefined) delete scope.lookback_years; else scope.lookback_years = Math.round(x); }, 1, 60, 1);
    lookback.classList.add('knob-lookback');
    row.appendChild(field('Lookback (years)', lookback, 'empty: any age'));
    row.appendChild(field('Waiting period (years)', numberInput(function () { return scope.waiting_years; },
      function (x) { if (x === undefined) delete scope.waiting_years; else scope.waiting_years = Math.round(x); }, 1, 30, 1), 'optional'));
    sc.appendChild(row);
    row = el('div', null, 'row');
    row.appendChild(field('Offenses on or after', dateInput(scope, 'offense_on_or_after'), 'optional'));
    row.appendChild(field('Offenses on or before', dateInput(scope, 'offense_on_or_before'), 'optional'));
    sc.appendChild(row);
    var other = Object.keys(scope).filter(function (k) {
      return ['offenses', 'grades', 'dispositions', 'max_amount', 'lookback_years', 'waiting_years',
              'offense_on_or_after', 'offense_on_or_before'].indexOf(k) < 0;
    });
    if (other.length) sc.appendChild(el('p', 'Also, unchanged here: ' + other.map(function (k) { return k + ' ' + JSON.stringify(scope[k]); }).join('; '), 'hint'));
    box.appendChild(sc);
    return box;
  }

  function showKnobs() {
    var s = knobs.scenario;
    $('knob-id').value = s.id || '';
    $('knob-title').value = s.title || '';
    $('knob-as-of').value = s.as_of || '';
    var list = $('actions');
    list.replaceChildren();
    (knobs.actions || []).forEach(function (a, i) { list.appendChild(actionControls(a, i)); });
    if (knobs.add_actions || knobs.overrides) list.appendChild(el('p', 'This scenario extends another; its knobs are shown once it is projected.', 'hint'));
  }

  function load(k) {
    knobs = clone(k);
    showKnobs();
    project();
  }

  // ---- projection --------------------------------------------------------------------------

  function project() {
    if (timer) { clearTimeout(timer); timer = null; }
    if (pending) pending.abort();
    var ctl = new AbortController();
    pending = ctl;
    status('Projecting…', 'busy');
    fetch('/api/project', {method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify(knobs),
                           signal: ctl.signal})
      .then(function (r) { return r.json().then(function (b) { return {ok: r.ok, body: b}; }); })
      .then(function (a) {
        if (pending !== ctl) return;
        pending = null;
        if (!a.ok) { showError(a.body); return; }
        $('error').hidden = true;
        last = a.body;
        draw(a.body);
      })
      .catch(function (e) {
        if (e && e.name === 'AbortError') return;
        pending = null;
        showError({error: 'the server did not answer: ' + e});
      });
  }

  function showError(b) {
    var box = $('error');
    box.replaceChildren();
    box.appendChild(el('p', 'These knobs cannot be projected: ' + (b.error || 'unknown error')));
    (b.problems || []).forEach(function (p) { box.appendChild(el('pre', p.text)); });
    box.hidden = false;
    status('Not projected: see the message under Results.', 'bad');
    document.body.dataset.lastError = b.error || '';
  }

  function draw(b) {
    $('title').textContent = b.scenario.title;
    $('subtitle').textContent = b.scenario.id + ' · as of ' + b.scenario.as_of + ' · ' + fmt(b.replicates) +
      ' replicates, seed ' + b.seed + ' · reliefsim ' + b.version;
    $('results-when').textContent = 'as of ' + b.scenario.as_of;
    $('command').textContent = b.command;
    var total = function (m, u) { return find(b.rows, 'Total', m, u); };
    V.figures($('totals'), [['records eligible', total('eligible', 'records')],
                            ['people eligible', total('eligible', 'people')],
                            ['records cleared by ' + b.scenario.as_of, total('cleared', 'records')],
                            ['people fully cleared', total('cleared', 'people_fully_cleared')],
                            ['records cleared beyond current law', find(b.against_current_law, 'Total', 'cleared', 'records')]]);
    drawTable(b);
    fillExplainChoices(b);
    var notes = $('notes');
    notes.replaceChildren();
    (b.notes || []).forEach(function (n) { notes.appendChild(el('li', n)); });
    Promise.all([drawMap(b), drawTimeline(b)]).then(function () {
      projections++;
      document.body.dataset.projections = String(projections);
      document.body.dataset.totalRecordsEligible = total('eligible', 'records') ? String(total('eligible', 'records').median) : '';
      document.body.dataset.totalRecordsCleared = total('cleared', 'records') ? String(total('cleared', 'records').median) : '';
      status('Up to date.', 'ok');
    }).catch(function (e) { noteError(e); });
  }

  function drawTable(b) {
    var names = {};
    b.rows.forEach(function (r) { if (r.postal) names[r.postal] = r.jurisdiction; });
    var n = V.jurisdictionRows(document.querySelector('#table tbody'), Object.keys(names), function (p) { return names[p]; },
      function (p) {
        return [find(b.rows, p, 'eligible', 'people'), find(b.rows, p, 'eligible', 'records'), find(b.rows, p, 'cleared', 'records'),
                find(b.rows, p, 'cleared', 'people_fully_cleared'), find(b.against_current_law, p, 'cleared', 'records'),
                find(b.rows, p, 'already_relieved', 'records')].map(function (r) { return {text: interval(r), n: true}; });
      });
    document.body.dataset.tableRows = String(n);
  }

  // ---- why ----------------------------------------------------------------------------------

  function fillExplainChoices(b) {
    var pickWhere = $('explain-where'), keep = pickWhere.value, seen = {};
    while (pickWhere.options.length > 1) pickWhere.remove(1);
    b.rows.forEach(function (r) {
      if (!r.postal || seen[r.postal]) return;
      seen[r.postal] = true;
      var o = el('option', r.jurisdiction + ' (' + r.postal + ')');
      o.value = r.postal;
      pickWhere.appendChild(o);
    });
    pickWhere.value = seen[keep] ? keep : '';
    explain();
  }

  function explain() {
    var postal = $('explain-where').value, table = $('explain');
    if (!postal || !knobs) { table.hidden = true; return; }
    fetch('/api/explain/' + encodeURIComponent(postal), {method: 'POST', headers: {'Content-Type': 'application/json'},
                                                          body: JSON.stringify(knobs)})
      .then(function (r) { return r.json(); })
      .then(function (b) {
        var tbody = table.querySelector('tbody');
        tbody.replaceChildren();
        (b.rows || []).forEach(function (r) {
          var tr = document.createElement('tr');
          [r.offense, r.grade, r.disposition, r.amount, r.decade, fmt(r.records), r.eligible ? 'yes' : 'no', r.rule, r.citation]
            .forEach(function (t, i) { tr.appendChild(el('td', t, i === 5 ? 'n' : '')); });
          tbody.appendChild(tr);
        });
        table.hidden = false;
        document.body.dataset.explainRows = String((b.rows || []).length);
      })
      .catch(function (e) { noteError(e); });
  }

  function drawMap(b) {
    var metric = $('metric').value;
    var pick = {eligible_records: [b.rows, 'eligible', 'records', 'records eligible'],
                cleared_records: [b.rows, 'cleared', 'records', 'records cleared'],
                cleared_people: [b.rows, 'cleared', 'people_fully_cleared', 'people fully cleared'],
                against_records: [b.against_current_law, 'cleared', 'records', 'records cleared beyond current law']}[metric];
    var byFips = {};
    pick[0].forEach(function (r) { if (r.fips && r.measure === pick[1] && r.unit === pick[2]) byFips[r.fips] = r; });
    // Every state and D.C.: grey where the scenario does not act, shaded by the figure where it does.
    var values = api.jurisdictions.filter(function (j) { return j.fips; }).map(function (j) {
      var r = byFips[j.fips];
      return {id: j.fips, name: j.name, value: r ? r.median : null, lo: r ? r.p05 : null, hi: r ? r.p95 : null};
    });
    return V.embed('#map', V.mapSpec(states, values, pick[3]), false).then(function () {
      document.body.dataset.mapStates = String(V.mapStates('#map'));
    });
  }

  function drawTimeline(b) {
    return V.embed('#timeline', V.stagesSpec(b.timeline), false);
  }

  // ---- downloads ---------------------------------------------------------------------------

  function download(name, type, text) {
    var url = URL.createObjectURL(new Blob([text], {type: type}));
    var a = document.createElement('a');
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }

  // A link can carry knobs: ?knob=actions.expunge.scope.lookback_years=10 (a path as in a
  // scenario's overrides, through lists by an action's id or an index; the value in JSON, or
  // as text). A path that does not exist is reported, not created.
  function setKnob(k, spec) {
    var eq = spec.indexOf('=');
    if (eq < 0) { noteError('knob ' + spec + ': expected PATH=VALUE'); return; }
    var path = spec.slice(0, eq).split('.'), text = spec.slice(eq + 1), value;
    try { value = JSON.parse(text); } catch (e) { value = text; }
    var at = k;
    for (var i = 0; i < path.length - 1 && at; i++) {
      var seg = path[i];
      if (Array.isArray(at)) {
        var byId = at.filter(function (x) { return x && x.id === seg; })[0];
        at = byId || at[Number(seg)];
      } else {
        at = at[seg];
      }
    }
    if (!at || typeof at !== 'object') { noteError('knob ' + spec + ': no such path'); return; }
    at[path[path.length - 1]] = value;
  }

  // ---- start ---------------------------------------------------------------------------------

  function start() {
    Promise.all([fetch('/api/scenarios').then(function (r) { return r.json(); }),
                 fetch('/vendor/states-10m.json').then(function (r) { return r.json(); })]).then(function (got) {
      api = got[0];
      states = got[1];
      var pickList = $('scenario');
      api.scenarios.forEach(function (s) {
        var o = el('option', s.id + ': ' + s.title);
        o.value = s.id;
        pickList.appendChild(o);
      });
      var preferred = ['us_2022_and_governors', 'model_ballot_measure'];
      // The default scenario first: its population is built when the server starts.
      var chosen = null;
      preferred.forEach(function (id) {
        api.scenarios.forEach(function (s) { if (!chosen && s.id === id) chosen = s; });
      });
      chosen = chosen || api.scenarios[0];
      var asked = new URLSearchParams(location.search).get('scenario');
      api.scenarios.forEach(function (s) { if (s.id === asked) chosen = s; });
      pickList.value = chosen.id;
      pickList.addEventListener('change', function () {
        api.scenarios.forEach(function (s) { if (s.id === pickList.value) load(s.knobs); });
      });
      var where = $('new-jurisdiction');
      api.jurisdictions.forEach(function (j) {
        var o = el('option', j.name + ' (' + j.postal + ')');
        o.value = j.postal;
        where.appendChild(o);
      });
      $('new-scenario').disabled = !api.template;
      $('new-scenario').addEventListener('click', function () {
        var postal = where.value, k = clone(api.template), name = postal;
        api.jurisdictions.forEach(function (j) { if (j.postal === postal) name = j.name; });
        k.scenario.id = 'new_measure_' + postal.toLowerCase();
        k.scenario.title = 'A new measure for ' + name + ' (drafted from ' + api.template.scenario.id + ')';
        (k.actions || []).forEach(function (a) { a.jurisdictions = [postal]; });
        load(k);
      });
      $('knob-id').addEventListener('change', function () { knobs.scenario.id = $('knob-id').value.trim(); changed(); });
      $('knob-title').addEventListener('change', function () { knobs.scenario.title = $('knob-title').value; changed(); });
      $('knob-as-of').addEventListener('change', function () { knobs.scenario.as_of = $('knob-as-of').value; changed(); });
      $('metric').addEventListener('change', function () { if (last) drawMap(last); });
      $('explain-where').addEventListener('change', explain);
      $('download-yaml').addEventListener('click', function () { if (last) download(last.file, 'application/yaml', last.yaml); });
      $('download-csv').addEventListener('click', function () { if (last) download(last.scenario.id + '.csv', 'text/csv', last.csv); });
      $('download-json').addEventListener('click', function () { if (last) download(last.scenario.id + '.json', 'application/json', last.json); });
      $('print').addEventListener('click', function () { window.print(); });
      document.body.dataset.scenarios = String(api.scenarios.length);
      var k = clone(chosen.knobs);
      new URLSearchParams(location.search).getAll('knob').forEach(function (spec) { setKnob(k, spec); });
      load(k);
    }).catch(function (e) { noteError(e); status('The page could not start: ' + e, 'bad'); });
  }

  // For tests and scripts: the knobs being edited, and a way to set one and re-project.
  window.reliefsimServe = {
    knobs: function () { return knobs; },
    last: function () { return last; },
    project: project
  };
  start();
})();
