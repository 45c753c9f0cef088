#include "sim/report/html_report.hpp"

#include "sim/base/sha256.hpp"

#include <cctype>
#include <cmath>
#include <cstdio>

#include "sim/report/text_format.hpp"

namespace reliefsim {
namespace {

std::string html(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

// Text placed inside <script>: only "</script" ends the element early. "<\/script" means
// the same in a JavaScript string or regular expression and in JSON.
std::string script_safe(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '<' && i + 8 <= s.size() && s[i + 1] == '/') {
      std::string word = s.substr(i + 2, 6);
      for (auto& c : word) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (word == "script") {
        out += "<\\/";
        ++i;
        continue;
      }
    }
    out += s[i];
  }
  return out;
}

std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.0f", std::round(v) == 0 ? 0.0 : std::round(v));
  return buf;
}

std::string share(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", v);
  return buf;
}

// The page's data: one object a row, as the page script expects.
std::string data_json(const std::vector<ReportScenario>& scenarios, const std::vector<ReportDifference>& differences,
                      const std::vector<JurisdictionLabel>& labels,
                      const std::map<std::string, double>& population_by_postal) {
  std::string rows;
  auto emit = [&](const std::string& scenario, const Projection& p, bool timeline) {
    const Date as_of = p.rows.empty() ? Date{} : p.rows.front().as_of;
    std::map<int, double> agreed;  // board-gated jurisdictions: the share of replicates the board agreed in
    for (const auto& g : p.board_gates) agreed[g.jurisdiction] = g.agreed_share;
    for (const auto& r : p.rows) {
      const bool main = r.as_of == as_of;
      const bool total = r.jurisdiction < 0;
      // Month by month: each jurisdiction's records cleared, and the total's stages.
      const bool stage = r.measure == Measure::cleared ||
                         (total && (r.measure == Measure::eligible || r.measure == Measure::legally_relieved));
      if (!main && !(timeline && stage && r.unit == Unit::records)) continue;
      const JurisdictionLabel* l = total ? nullptr : &labels[static_cast<size_t>(r.jurisdiction)];
      rows += std::string(rows.empty() ? "" : ",\n") + "{\"s\":" + json_string(scenario) + ",\"postal\":" +
              json_string(total ? "Total" : l->postal) + ",\"fips\":" + json_string(total ? "" : l->fips) +
              ",\"name\":" + json_string(total ? "Total" : (l->federal ? l->name : l->name)) + ",\"m\":\"" +
              std::string(to_string(r.measure)) + "\",\"u\":\"" + std::string(to_string(r.unit)) + "\",\"d\":\"" +
              r.as_of.to_string() + "\",\"main\":" + (main ? "true" : "false") + ",\"v\":" + num(r.interval.median) +
              ",\"lo\":" + num(r.interval.p05) + ",\"hi\":" + num(r.interval.p95) +
              (agreed.count(r.jurisdiction) ? ",\"board\":" + share(agreed[r.jurisdiction]) : std::string()) + "}";
    }
  };
  for (const auto& s : scenarios) emit(s.id, *s.projection, true);
  for (const auto& d : differences) emit(d.label, *d.projection, false);
  std::string pop;
  for (const auto& [postal, n] : population_by_postal)
    pop += std::string(pop.empty() ? "" : ",") + json_string(postal) + ":" + num(n);
  std::string ids;
  for (const auto& s : scenarios) ids += std::string(ids.empty() ? "" : ",") + json_string(s.id);
  std::string diff_ids;
  for (const auto& d : differences) diff_ids += std::string(diff_ids.empty() ? "" : ",") + json_string(d.label);
  return "{\"scenarios\":[" + ids + "],\"differences\":[" + diff_ids + "],\"population\":{" + pop + "},\"rows\":[\n" +
         rows + "]}";
}

// The page script: builds the charts and the table from the data, then marks the page
// ready (data-ready, data-map-states, data-errors) for the browser test.
constexpr const char* kPageScript = R"JS(
(function () {
  var errors = [];
  window.addEventListener('error', function (e) { errors.push(String(e.message)); document.body.dataset.errors = errors.join(' | '); });
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var states = JSON.parse(document.getElementById('us-states').textContent);
  var current = data.scenarios[0];  // the scenario the map, charts and table show
  function rows(f) { return data.rows.filter(f); }
  function main(s, m, u) { return rows(function (r) { return r.s === s && r.main && r.m === m && r.u === u; }); }
  function fmt(v) { return Math.round(v).toLocaleString('en-US'); }
  function cell(r) { return r ? (r.lo === r.hi ? fmt(r.v) : fmt(r.v) + ' (' + fmt(r.lo) + '–' + fmt(r.hi) + ')') : '–'; }

  // The table: one row a jurisdiction, then the total.
  var columns = [['eligible', 'people'], ['eligible', 'records'], ['legally_relieved', 'records'], ['cleared', 'records'],
                 ['cleared', 'people_fully_cleared'], ['already_relieved', 'records']];
  function table() {
  var byPostal = {};
  columns.forEach(function (c, i) {
    main(current, c[0], c[1]).forEach(function (r) { (byPostal[r.postal] = byPostal[r.postal] || {row: r, v: []}).v[i] = r; });
  });
  var tbody = document.querySelector('#jurisdictions tbody');
  tbody.replaceChildren();
  Object.keys(byPostal).sort(function (a, b) {
    if (a === 'Total') return 1; if (b === 'Total') return -1;
    return byPostal[a].row.name.localeCompare(byPostal[b].row.name);
  }).forEach(function (p) {
    var e = byPostal[p], tr = document.createElement('tr');
    if (p !== 'Total') tr.dataset.postal = p; else tr.className = 'total';
    // † : a board must agree to the pardon there (see the notes).
    // Every cell is text: names come from input files and are never read as markup.
    [e.row.name + (e.row.board !== undefined ? ' †' : ''), p === 'Total' ? '' : p, e.row.fips].forEach(function (t) {
      tr.insertCell().textContent = t;
    });
    columns.forEach(function (c, i) { var td = tr.insertCell(); td.className = 'n'; td.textContent = cell(e.v[i]); });
    tbody.appendChild(tr);
  });
  document.body.dataset.tableRows = String(tbody.querySelectorAll('tr[data-postal]').length);
  }
  table();
  // Where the first headline's figures end on the page, for the test of "the answer first".
  var figures = document.querySelector('.headline .figures');
  if (figures) document.body.dataset.headlineBottom = String(Math.round(figures.getBoundingClientRect().bottom + window.scrollY));

  // The map: records or people, eligible or cleared, or per 100,000 residents.
  var metrics = {
    'records_eligible': ['eligible', 'records', false, 'records eligible'],
    'records_cleared': ['cleared', 'records', false, 'records cleared'],
    'people_cleared': ['cleared', 'people_fully_cleared', false, 'people fully cleared'],
    'records_already_relieved': ['already_relieved', 'records', false, 'records current law had already relieved'],
    'records_cleared_per_100k': ['cleared', 'records', true, 'records cleared per 100,000 adults'],
    'records_eligible_per_100k': ['eligible', 'records', true, 'records eligible per 100,000 adults']
  };
  function mapSpec(key) {
    var m = metrics[key];
    var values = main(current, m[0], m[1]).filter(function (r) { return r.fips; }).map(function (r) {
      var pop = data.population[r.postal];
      return {id: r.fips, name: r.name, value: m[2] ? (pop ? r.v * 100000 / pop : null) : r.v, lo: r.lo, hi: r.hi};
    });
    return {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      width: 760, height: 440,
      data: {values: states, format: {type: 'topojson', feature: 'states'}},
      transform: [
        {lookup: 'id', from: {data: {values: values}, key: 'id', fields: ['name', 'value', 'lo', 'hi']}},
        {filter: 'datum.value != null'}
      ],
      projection: {type: 'albersUsa'},
      mark: {type: 'geoshape', stroke: 'white', strokeWidth: 0.5},
      encoding: {
        color: {field: 'value', type: 'quantitative', title: m[3], scale: {scheme: 'blues'}, legend: {format: m[2] ? ',.1f' : ',.0f'}},
        tooltip: [{field: 'name', title: 'jurisdiction'}, {field: 'value', title: m[3], format: ',.0f'},
                  {field: 'lo', title: '5th percentile', format: ',.0f'}, {field: 'hi', title: '95th percentile', format: ',.0f'}]
      }
    };
  }
  var pending = 0;
  function done() { if (--pending === 0) document.body.dataset.ready = '1'; }
  function drawMap() {
    pending++;
    vegaEmbed('#map', mapSpec(document.getElementById('metric').value), {renderer: 'svg', actions: {export: true, source: false, compiled: false, editor: false}}).then(function () {
      document.body.dataset.mapStates = String(document.querySelectorAll('#map .mark-shape path[aria-roledescription="geoshape"]').length);
      done();
    }).catch(function (e) { errors.push(String(e)); document.body.dataset.errors = errors.join(' | '); });
  }
  document.getElementById('metric').addEventListener('change', drawMap);

  // Ranked chart with 90% intervals.
  function ranked(id, s, m, u, title) {
    var values = main(s, m, u).filter(function (r) { return r.postal !== 'Total' && r.hi > 0; });
    pending++;
    vegaEmbed(id, {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json', width: 600,
      height: {step: 14},
      data: {values: values},
      encoding: {y: {field: 'name', type: 'nominal', sort: '-x', title: null}},
      layer: [
        {mark: {type: 'bar', color: '#6baed6'}, encoding: {x: {field: 'v', type: 'quantitative', title: title + ' (median, 90% interval)'}}},
        {mark: {type: 'rule', color: '#08306b'}, encoding: {x: {field: 'lo', type: 'quantitative'}, x2: {field: 'hi'}}}
      ]
    }, {renderer: 'svg', actions: {export: true, source: false, compiled: false, editor: false}}).then(done);
  }

  // Cumulative clearance by month, for the jurisdictions that clear most.
  function timeline() {
    var t = rows(function (r) { return r.s === current && r.m === 'cleared' && r.u === 'records' && r.postal !== 'Total'; });
    var last = {};
    t.forEach(function (r) { last[r.postal] = Math.max(last[r.postal] || 0, r.v); });
    var top = Object.keys(last).sort(function (a, b) { return last[b] - last[a]; }).slice(0, 8);
    pending++;
    vegaEmbed('#timeline', {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json', width: 700, height: 300,
      data: {values: t.filter(function (r) { return top.indexOf(r.postal) >= 0; })},
      mark: {type: 'line', point: false},
      encoding: {x: {field: 'd', type: 'temporal', title: 'month'},
                 y: {field: 'v', type: 'quantitative', title: 'records cleared (median)'},
                 color: {field: 'name', type: 'nominal', title: 'jurisdiction'}}
    }, {renderer: 'svg', actions: {export: true, source: false, compiled: false, editor: false}}).then(done);
  }

  // Where the records wait: the total's stages by month (eligible, relieved in law, updated
  // in the record a background check reads).
  function stages() {
    var names = {eligible: '1 eligible', legally_relieved: '2 relieved in law', cleared: '3 cleared in the record'};
    var t = rows(function (r) { return r.s === current && r.u === 'records' && r.postal === 'Total' && names[r.m]; })
      .map(function (r) { return {d: r.d, v: r.v, lo: r.lo, hi: r.hi, stage: names[r.m]}; });
    pending++;
    vegaEmbed('#stages', {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json', width: 700, height: 260,
      data: {values: t},
      mark: {type: 'line', point: false},
      encoding: {x: {field: 'd', type: 'temporal', title: 'month'},
                 y: {field: 'v', type: 'quantitative', title: 'records, total (median)'},
                 color: {field: 'stage', type: 'nominal', title: 'stage'}}
    }, {renderer: 'svg', actions: {export: true, source: false, compiled: false, editor: false}}).then(done);
  }

  // Several scenarios, or one against current law: totals side by side, and paired differences.
  function comparison() {
    var box = document.getElementById('comparison');
    if (data.scenarios.length < 2 && data.differences.length === 0) { box.style.display = 'none'; return; }
    var all = data.scenarios.concat(data.differences);
    // Headers as in the table below; names from input files go in as text, never as markup.
    var titles = Array.prototype.map.call(document.querySelectorAll('#jurisdictions thead th'), function (th) { return th.textContent; }).slice(3);
    var table = document.createElement('table'), head = table.createTHead().insertRow(), body = table.createTBody();
    ['scenario'].concat(titles).forEach(function (t) { var th = document.createElement('th'); th.textContent = t; head.appendChild(th); });
    all.forEach(function (s) {
      var tr = body.insertRow();
      tr.insertCell().textContent = s;
      columns.forEach(function (c) {
        var r = rows(function (x) { return x.s === s && x.main && x.postal === 'Total' && x.m === c[0] && x.u === c[1]; })[0];
        var td = tr.insertCell();
        td.className = 'n';
        td.textContent = cell(r);
      });
    });
    box.querySelector('.tables').replaceChildren(table);
    pending++;
    vegaEmbed('#comparison-chart', {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json', width: 500,
      data: {values: rows(function (x) { return data.scenarios.indexOf(x.s) >= 0 && x.main && x.postal === 'Total' && x.u === 'records'; })},
      mark: 'bar',
      encoding: {x: {field: 'v', type: 'quantitative', title: 'records, total (median)'},
                 y: {field: 's', type: 'nominal', title: null},
                 color: {field: 'm', type: 'nominal', title: 'measure'},
                 yOffset: {field: 'm'}}
    }, {renderer: 'svg', actions: {export: true, source: false, compiled: false, editor: false}}).then(done);
  }

  // Several scenarios: a switcher redraws the map, the charts and the table for another.
  var pick = document.getElementById('scenario');
  if (data.scenarios.length > 1) {
    data.scenarios.forEach(function (id) { var o = document.createElement('option'); o.value = id; o.textContent = id; pick.appendChild(o); });
    pick.addEventListener('change', function () {
      current = pick.value;
      table(); drawMap(); ranked('#ranked', current, 'eligible', 'records', 'records eligible'); timeline(); stages();
    });
  } else {
    pick.parentNode.style.display = 'none';
  }
  pending++;  // held until everything is started
  drawMap();
  ranked('#ranked', current, 'eligible', 'records', 'records eligible');
  timeline();
  stages();
  comparison();
  done();
})();
)JS";

constexpr const char* kStyle = R"CSS(
body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 1100px; color: #222; line-height: 1.45; }
h1 { font-size: 1.6em; } h2 { margin-top: 2em; border-bottom: 1px solid #ddd; }
table { border-collapse: collapse; font-size: 0.85em; } td, th { padding: 3px 8px; border-bottom: 1px solid #eee; text-align: left; }
td.n { text-align: right; font-variant-numeric: tabular-nums; } tr.total td { font-weight: bold; }
.meta { color: #555; font-size: 0.9em; } code { font-size: 0.9em; }
.headline { border: 1px solid #ddd; border-radius: 6px; padding: 0.6em 1em; margin: 1em 0; }
.headline h2 { margin-top: 0.2em; border: none; font-size: 1.2em; }
.figures { display: flex; flex-wrap: wrap; gap: 1.5em; }
.figures .label { color: #555; font-size: 0.85em; } .figures .big { font-size: 1.7em; font-weight: 600; display: block; }
.figures .range { color: #555; font-size: 0.85em; } .figures .range::before { content: "90% interval "; }
details { margin: 0.5em 0; } summary { cursor: pointer; color: #333; }
)CSS";

}  // namespace

std::string format_html_report(const std::vector<ReportScenario>& scenarios,
                               const std::vector<ReportDifference>& differences,
                               const std::vector<JurisdictionLabel>& labels,
                               const std::map<std::string, double>& population_by_postal, const RunInfo& info,
                               const std::vector<ReportAssumption>& assumptions,
                               const std::vector<ReportSource>& sources, const ReportAssets& assets) {
  // Content-Security-Policy: nothing from the network, and only the page's own scripts, named
  // by their hashes, so no inline event handler or injected script can run. Vega compiles its
  // expressions with Function ('unsafe-eval', which does not allow handlers); its charts set
  // inline styles and export images as data: URLs.
  const std::string libraries[] = {script_safe(assets.vega), script_safe(assets.vega_lite), script_safe(assets.vega_embed)};
  std::string hashes;
  for (const auto& lib : libraries) hashes += " 'sha256-" + sha256_base64(lib) + "'";
  hashes += " 'sha256-" + sha256_base64(kPageScript) + "'";
  std::string o = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                  "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src" + hashes +
                  " 'unsafe-eval'; style-src 'unsafe-inline'; img-src data: blob:; connect-src 'none'; "
                  "base-uri 'none'; form-action 'none'\">\n<title>" +
                  html(scenarios.front().title) + " - reliefsim</title>\n<style>" + kStyle + "</style>\n";
  for (const auto& lib : libraries) o += "<script>" + lib + "</script>\n";
  o += "</head>\n<body>\n";
  o += "<h1>" + html(scenarios.front().title) + "</h1>\n";
  const auto& p = *scenarios.front().projection;
  o += "<p class=\"meta\">As of " + html(info.as_of) + ". Every figure is the median of " + std::to_string(p.replicates) +
       " Monte Carlo replicates (seed " + std::to_string(p.seed) + ") with its 90% interval. reliefsim " +
       html(info.version) + ". <a href=\"#definitions\">What each measure counts</a>.</p>\n";
  // The answer first: each scenario's national totals on the as-of date.
  for (const auto& s : scenarios) {
    auto total = [&](Measure m, Unit u) -> std::string {
      for (const auto& r : s.projection->rows)
        if (r.jurisdiction < 0 && r.measure == m && r.unit == u && r.as_of.to_string() == info.as_of)
          return "<span class=\"big\">" + html(grouped(r.interval.median)) + "</span><span class=\"range\">" +
                 html(grouped(r.interval.p05)) + "–" + html(grouped(r.interval.p95)) + "</span>";
      return "<span class=\"big\">–</span>";
    };
    o += "<section class=\"headline\" data-scenario=\"" + html(s.id) + "\"><h2>" + html(s.title) + "</h2>\n<div class=\"figures\">"
         "<div><div class=\"label\">people eligible</div>" + total(Measure::eligible, Unit::people) + "</div>"
         "<div><div class=\"label\">records eligible</div>" + total(Measure::eligible, Unit::records) + "</div>"
         "<div><div class=\"label\">records cleared by " + html(info.as_of) + "</div>" + total(Measure::cleared, Unit::records) + "</div>"
         "<div><div class=\"label\">people left with no record</div>" + total(Measure::cleared, Unit::people_fully_cleared) +
         "</div></div>\n";
    if (!s.drivers.empty()) o += "<p class=\"meta\">" + html(s.drivers) + ".</p>\n";
    for (const auto& m : s.cleared_means) o += "<p class=\"meta\">" + html(m) + "</p>\n";
    o += "<p class=\"meta\">Data on " + html(info.as_of) + ": <a href=\"" + html(s.id) + "_wide.csv\">a row per jurisdiction (CSV)</a>, "
         "<a href=\"" + html(s.id) + ".csv\">tidy CSV</a>, <a href=\"" + html(s.id) + ".json\">JSON</a>, <a href=\"" + html(s.id) +
         ".md\">Markdown</a>; month by month, beyond the as-of date: <a href=\"" + html(s.id) + "_timeline.csv\">timeline CSV</a>.</p>\n";
    o += "<details><summary>About this scenario</summary><p><code>" + html(s.id) + "</code>: " + html(s.description) +
         "</p></details>\n</section>\n";
  }
  o += "<h2>Map</h2>\n<p><label>Scenario <select id=\"scenario\"></select></label></p>\n<label>Show <select id=\"metric\">"
       "<option value=\"records_eligible\">records eligible</option>"
       "<option value=\"records_cleared\">records cleared</option>"
       "<option value=\"people_cleared\">people fully cleared</option>"
       "<option value=\"records_already_relieved\">records current law had already relieved</option>"
       "<option value=\"records_eligible_per_100k\">records eligible per 100,000 adults</option>"
       "<option value=\"records_cleared_per_100k\">records cleared per 100,000 adults</option>"
       "</select></label>\n<div id=\"map\"></div>\n";
  o += "<h2>By jurisdiction</h2>\n<div id=\"ranked\"></div>\n";
  o += "<h2>Clearance over time</h2>\n<p class=\"meta\">Cumulative records cleared by month, for the jurisdictions that clear most.</p>\n<div id=\"timeline\"></div>\n";
  o += "<h3>Where the records wait</h3>\n<p class=\"meta\">All jurisdictions, month by month: records eligible, relieved in law "
       "(a pardon relieves all at once) and cleared in the record a background check reads.</p>\n<div id=\"stages\"></div>\n";
  o += "<div id=\"comparison\"><h2>Scenarios compared</h2>\n<p class=\"meta\">Differences are taken replicate by replicate: every scenario draws the same value of every parameter.</p>\n<div class=\"tables\"></div><div id=\"comparison-chart\"></div></div>\n";
  o += "<h2>Table</h2>\n<table id=\"jurisdictions\"><thead><tr><th>jurisdiction</th><th>postal</th><th>FIPS</th>"
       "<th>people eligible</th><th>records eligible</th><th>records relieved in law</th><th>records cleared</th><th>people fully cleared</th>"
       "<th>already relieved by current law</th></tr></thead><tbody></tbody></table>\n"
       "<p class=\"meta\">Eligible and cleared figures are net of current law: records that relief already "
       "enacted had cleared (or, for a pardon, pardoned) when the scenario takes effect are not counted again, "
       "and are shown as already relieved.</p>\n";
  if (!info.notes.empty()) {
    o += "<h3>Notes</h3>\n<ul>\n";
    for (const auto& n : condensed_notes(info.notes)) o += "<li>" + html(n) + "</li>\n";
    o += "</ul>\n";
  }
  o += "<h2 id=\"definitions\">What each measure counts</h2>\n<ul>\n"
       "<li><strong>Eligible</strong>: records (and the living people who hold them) that the scenario's rules reach and that "
       "relief already in force had not cleared when it takes effect.</li>\n"
       "<li><strong>Relieved in law</strong>: of those, the ones whose legal status had changed by the date: a pardon changes "
       "all of them the day it is signed; an expungement or sealing when its order is made.</li>\n"
       "<li><strong>Cleared</strong>: of those, the ones updated in the record a background check reads by the date: sealed, "
       "expunged or vacated, or, for a pardon, annotated by the record's keeper or certified at the person's request.</li>\n"
       "<li><strong>People left with no record</strong>: people all of whose marijuana records are cleared and who hold no "
       "other conviction.</li>\n"
       "<li><strong>Already relieved</strong>: records in the scenario's reach that earlier law had already cleared or "
       "pardoned; not counted as eligible again.</li>\n"
       "<li><strong>Against current law</strong>: what the scenario adds to what the law already on the books would have "
       "cleared by the same date.</li>\n</ul>\n";
  o += "<h2>How these figures are made</h2>\n"
       "<p>Each state's marijuana law since 1970 is encoded with its citations. Arrest counts from the FBI's Uniform Crime "
       "Reports (observed where published, estimated elsewhere with stated error) are turned into court records, "
       "convictions and the people who hold them, using named assumptions with ranges: the share of arrests that end in "
       "conviction, the amounts people held, how many records a person has, mortality. A scenario's rules decide which "
       "records are <em>eligible</em>. Eligibility is not relief: each mechanism then <em>clears</em> records at its own "
       "pace - a repository seals in months, courts work through a backlog against deadlines, and relief people must "
       "petition for reaches a few percent. Every uncertain quantity is drawn anew in each replicate, so each figure "
       "comes with the range it could plausibly take. The full method, and how the model fares against past actions, "
       "are in the project's docs/methodology.md and docs/validation.md.</p>\n";
  o += "<details><summary>Assumptions (" + std::to_string(assumptions.size()) + ")</summary>\n"
       "<table><thead><tr><th>id</th><th>what</th><th>range</th></tr></thead><tbody>\n";
  for (const auto& a : assumptions)
    o += "<tr><td><code>" + html(a.id) + "</code></td><td>" + html(a.description) + "</td><td>" + html(a.range) + "</td></tr>\n";
  o += "</tbody></table></details>\n";
  // Sources, then the input files with their hashes (for reproducing the run), both folded.
  std::string cited, inputs;
  size_t n_cited = 0, n_inputs = 0;
  for (const auto& s : sources) {
    std::string li = "<li>" + (s.href.empty() ? html(s.title) : "<a href=\"" + html(s.href) + "\">" + html(s.title) + "</a>");
    if (!s.note.empty()) li += " <span class=\"meta\">(" + html(s.note) + ")</span>";
    li += "</li>\n";
    if (s.note.rfind("input file", 0) == 0) {
      inputs += li;
      ++n_inputs;
    } else {
      cited += li;
      ++n_cited;
    }
  }
  o += "<details><summary>Sources (" + std::to_string(n_cited) + ")</summary>\n<ul>\n" + cited + "</ul></details>\n";
  o += "<details><summary>Input files and their SHA-256 (" + std::to_string(n_inputs) + ")</summary>\n<ul>\n" + inputs +
       "</ul></details>\n";
  o += "<script type=\"application/json\" id=\"us-states\">" + script_safe(assets.us_states_topojson) + "</script>\n";
  o += "<script type=\"application/json\" id=\"report-data\">" +
       script_safe(data_json(scenarios, differences, labels, population_by_postal)) + "</script>\n";
  o += std::string("<script>") + kPageScript + "</script>\n</body>\n</html>\n";
  return o;
}

}  // namespace reliefsim
