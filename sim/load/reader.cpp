#include "sim/load/reader.hpp"

#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>

#include "sim/law/possession_schedule.hpp"

namespace reliefsim {

bool is_url(std::string_view s) {
  size_t host_start = 0;
  if (s.rfind("https://", 0) == 0) host_start = 8;
  else if (s.rfind("http://", 0) == 0) host_start = 7;
  else return false;
  if (s.size() > 2000) return false;
  size_t host_end = s.find_first_of("/?#", host_start);
  if (host_end == std::string_view::npos) host_end = s.size();
  const std::string_view host = s.substr(host_start, host_end - host_start);
  if (host.empty()) return false;
  for (char c : host)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '-' && c != ':') return false;
  // The rest: RFC 3986 characters (unreserved, reserved and percent escapes); a literal space,
  // quote or angle bracket is text that is not part of the address, or markup.
  for (char c : s.substr(host_end))
    if (!std::isalnum(static_cast<unsigned char>(c)) &&
        std::string_view("-._~:/?#[]@!$&'()*+,;=%").find(c) == std::string_view::npos && static_cast<unsigned char>(c) < 0x80)
      return false;
  return true;
}

std::string missing_document(const std::string& citing_file, std::string_view document) {
  namespace fs = std::filesystem;
  // The repository root: the nearest folder above the citing file that holds docs/.
  std::error_code ec;
  fs::path dir = fs::path(citing_file).parent_path();
  if (dir.empty()) dir = ".";
  std::optional<fs::path> root;
  for (int up = 0; up < 6 && !root; ++up, dir = dir.parent_path()) {
    if (fs::is_directory(dir / "docs", ec)) root = dir;
    if (dir.empty() || dir == dir.parent_path()) break;
  }
  if (!root) return "";  // a file outside a checkout: nothing to check against
  const std::string_view path = document.substr(0, document.find('#'));
  const fs::path full = *root / std::string(path);
  std::ifstream in(full);
  if (!in) return "the document " + std::string(path) + " does not exist in this repository";
  if (document.find('#') == std::string_view::npos) return "";
  const std::string anchor(document.substr(document.find('#') + 1));
  // Markdown headings give anchors as GitHub does: lower case, punctuation dropped, spaces to '-'.
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] != '#') continue;
    const size_t text = line.find_first_not_of('#');
    if (text == std::string::npos) continue;
    std::string slug;
    for (char c : line.substr(text)) {
      const unsigned char u = static_cast<unsigned char>(c);
      if (std::isalnum(u) || u >= 0x80 || c == '-' || c == '_') slug += static_cast<char>(std::tolower(u));
      else if (c == ' ') slug += '-';
    }
    while (!slug.empty() && slug.front() == '-') slug.erase(0, 1);
    if (slug == anchor) return "";
  }
  return "the document " + std::string(path) + " has no heading for the anchor '#" + printable(anchor) + "'";
}

bool is_identifier(std::string_view s) {
  if (s.empty() || s.size() > 80) return false;
  for (char c : s)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-' && c != '.') return false;
  return true;
}

bool is_place_name(std::string_view s) {
  if (s.empty() || s.size() > 60) return false;
  for (char c : s)
    if (!std::isalpha(static_cast<unsigned char>(c)) && std::string_view(" .,'()-").find(c) == std::string_view::npos)
      return false;
  return true;
}

std::string printable(std::string_view s) {
  std::string out;
  for (unsigned char c : s.substr(0, 60)) {
    if (c < 0x20 || c == 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  return s.size() > 60 ? out + "…" : out;
}

void Reader::error(const YamlNode& at, std::string message, std::string hint) {
  problems_.push_back({where(at), std::move(message), std::move(hint)});
}

std::optional<std::string> Reader::text(const YamlNode& n, std::string_view what) {
  if (n.is_scalar() && !n.value.empty()) return n.value;
  error(n, "expected " + std::string(what) + " as text, got " + n.describe());
  return std::nullopt;
}

std::optional<Date> Reader::date(const YamlNode& n, std::string_view what) {
  if (n.is_scalar()) {
    if (auto d = Date::parse(n.value)) return d;
  }
  error(n, "expected " + std::string(what) + " as a date YYYY-MM-DD such as 2022-12-08, got " +
               n.describe());
  return std::nullopt;
}

std::optional<double> Reader::number(const YamlNode& n, std::string_view what,
                                     std::optional<double> minimum) {
  if (n.is_scalar() && !n.quoted && !n.value.empty()) {
    const char* begin = n.value.c_str();
    char* end = nullptr;
    errno = 0;
    const double v = std::strtod(begin, &end);
    const bool clean = end && *end == '\0' && errno == 0 && std::isfinite(v) &&
                       n.value.find_first_of("xXpP") == std::string::npos;
    if (clean) {
      if (minimum && v < *minimum) {
        error(n, "expected " + std::string(what) + " to be at least " +
                     std::to_string(static_cast<long long>(*minimum)) + ", got " + n.value);
        return std::nullopt;
      }
      return v;
    }
  }
  error(n, "expected " + std::string(what) + " as a number such as 35, got " + n.describe());
  return std::nullopt;
}

std::optional<int> Reader::integer(const YamlNode& n, std::string_view what, int lo, int hi) {
  auto v = number(n, what, std::nullopt);
  if (!v) return std::nullopt;
  if (*v != std::floor(*v) || *v < lo || *v > hi) {
    error(n, "expected " + std::string(what) + " as a whole number from " + std::to_string(lo) +
                 " to " + std::to_string(hi) + ", got " + n.value);
    return std::nullopt;
  }
  return static_cast<int>(*v);
}

std::optional<bool> Reader::boolean(const YamlNode& n, std::string_view what) {
  if (n.is_scalar() && !n.quoted) {
    if (n.value == "true") return true;
    if (n.value == "false") return false;
  }
  error(n, "expected " + std::string(what) + " as true or false, got " + n.describe());
  return std::nullopt;
}

References Reader::references(const YamlNode& n, std::string_view what) {
  References out;
  if (!n.is_sequence() || n.children.empty()) {
    error(n, "expected " + std::string(what) +
                 " as a list of citations such as [{title: RSMo § 579.015, href: https://revisor.mo.gov/...}], got " +
                 n.describe());
    return out;
  }
  for (const YamlNode& item : n.children) {
    MapView m(*this, item, "a citation");
    if (!m.ok()) continue;
    Citation c;
    if (const auto* t = m.need("title"))
      if (auto s = text(*t, "the citation's title")) c.title = *s;
    if (const auto* h = m.get("href")) {
      if (auto s = text(*h, "href")) {
        if (is_url(*s)) c.href = *s;
        else
          error(*h, "expected href as a URL such as https://revisor.mo.gov/main/OneSection.aspx?section=579.015 "
                    "(http or https, a host, no spaces, quotes or angle brackets), got '" + printable(*s) + "'");
      }
    }
    if (const auto* st = m.get("statute"))
      if (auto s = text(*st, "statute")) c.statute = *s;
    if (const auto* doc = m.get("document"))
      if (auto s = text(*doc, "document")) {
        c.statute = *s;  // a file of this repository, e.g. docs/methodology.md#possession-amount-spread
        if (s->rfind("docs/", 0) != 0 || s->find("..") != std::string::npos)
          error(*doc, "expected document as a path under docs/ such as docs/methodology.md#id, got '" + printable(*s) + "'");
        else if (auto missing = missing_document(file_, *s); !missing.empty())
          error(*doc, missing);
      }
    if (const auto* no = m.get("note"))
      if (auto s = text(*no, "note")) c.note = *s;
    if (!m.get("href") && !m.get("statute") && !m.get("document"))
      error(item, "a citation needs an href (URL), a statute cite or a document under docs/", "add href: https://...");
    m.done();
    out.push_back(std::move(c));
  }
  return out;
}

std::optional<double> Reader::amount_grams(const YamlNode& n, std::string_view what) {
  MapView m(*this, n, std::string(what));
  if (!m.ok()) return std::nullopt;
  std::optional<double> v;
  std::optional<double> per;
  if (const auto* x = m.need("value")) v = number(*x, "the amount");
  if (const auto* u = m.need("unit")) {
    if (auto s = text(*u, "the unit")) {
      if (*s == "gram") per = 1;
      else if (*s == "ounce") per = kGramsPerOunce;
      else if (*s == "pound") per = 16 * kGramsPerOunce;
      else error(*u, "expected unit gram, ounce or pound, got '" + *s + "'",
                 did_you_mean(*s, {"gram", "ounce", "pound"}));
    }
  }
  m.done();
  if (v && per) return *v * *per;
  return std::nullopt;
}

Scope Reader::scope(const YamlNode& n, std::string_view what) {
  Scope s;
  MapView m(*this, n, std::string(what));
  if (!m.ok()) return s;
  if (const auto* x = m.get("offenses")) s.offenses = words<Offense>(*x, "an offense");
  if (const auto* x = m.get("grades")) s.grades = words<Grade>(*x, "a grade");
  if (const auto* x = m.get("dispositions")) s.dispositions = words<Disposition>(*x, "a disposition");
  if (const auto* x = m.get("citizenship")) s.citizenship = words<Citizenship>(*x, "a citizenship");
  if (const auto* x = m.get("max_amount")) s.max_amount_grams = amount_grams(*x, "max_amount");
  if (const auto* x = m.get("offense_on_or_before")) s.offense_on_or_before = date(*x, "offense_on_or_before");
  if (const auto* x = m.get("offense_on_or_after")) s.offense_on_or_after = date(*x, "offense_on_or_after");
  if (s.offense_on_or_before && s.offense_on_or_after && *s.offense_on_or_after > *s.offense_on_or_before)
    error(*m.get("offense_on_or_after"), "the date window runs backwards: offense_on_or_after " +
          s.offense_on_or_after->to_string() + " is later than offense_on_or_before " +
          s.offense_on_or_before->to_string());
  if (const auto* x = m.get("marijuana_only")) s.marijuana_only = boolean(*x, "marijuana_only");
  if (const auto* x = m.get("lookback_years")) s.lookback_years = integer(*x, "lookback_years", 0, 200);
  if (const auto* x = m.get("waiting_years")) s.waiting_years = integer(*x, "waiting_years", 0, 200);
  if (const auto* x = m.get("no_other_convictions")) s.no_other_convictions = boolean(*x, "no_other_convictions");
  if (const auto* x = m.get("now_legal_under")) {
    s.now_legal_under = text(*x, "now_legal_under").value_or("");
    s.now_legal_where = where(*x);
  }
  if (const auto* x = m.get("age_at_offense")) {
    MapView am(*this, *x, "age_at_offense");
    if (am.ok()) {
      if (const auto* y = am.get("at_least")) s.age_at_least = integer(*y, "age_at_offense.at_least", 1, 99);
      if (const auto* y = am.get("under")) s.age_under = integer(*y, "age_at_offense.under", 1, 99);
      if (!am.get("at_least") && !am.get("under"))
        error(*x, "expected age_at_offense with at_least, under or both, such as {at_least: 21}");
      else if (s.age_at_least && s.age_under && *s.age_under <= *s.age_at_least)
        error(*x, "the ages run backwards: under " + std::to_string(*s.age_under) + " is not above at_least " +
                      std::to_string(*s.age_at_least));
      am.done();
    }
  }
  if (const auto* x = m.get("status_on")) {
    MapView sm(*this, *x, "status_on");
    Scope::StatusOn st;
    bool ok = sm.ok();
    if (const auto* y = sm.need("date")) {
      if (auto d = date(*y, "the status date")) st.on = *d;
      else ok = false;
    } else {
      ok = false;
    }
    if (const auto* y = sm.need("any_of")) {
      for (SentenceStatus v : words<SentenceStatus>(*y, "a sentence status")) st.any_of |= status_bit(v);
      if (st.any_of == 0 && y->is_sequence() && y->children.empty()) {
        error(*y, "expected any_of as a list of incarcerated, probation, parole, such as [probation, parole]");
        ok = false;
      }
    } else {
      ok = false;
    }
    sm.done();
    // Only a conviction carries a sentence, and only a misdemeanor or felony more than a fine.
    const bool convictions = s.dispositions.empty() ||
                             std::find(s.dispositions.begin(), s.dispositions.end(), Disposition::conviction) != s.dispositions.end();
    const bool sentenced_grades = s.grades.empty() ||
                                  std::find_if(s.grades.begin(), s.grades.end(), [](Grade g) {
                                    return g == Grade::misdemeanor || g == Grade::felony;
                                  }) != s.grades.end();
    if (ok && !convictions) {
      error(*x, "status_on selects people under sentence, but the scope's dispositions hold no conviction",
            "add conviction to dispositions, or remove status_on");
      ok = false;
    } else if (ok && !sentenced_grades) {
      error(*x, "status_on selects people under sentence, but the scope's grades carry a fine at most",
            "add misdemeanor or felony to grades, or remove status_on");
      ok = false;
    }
    if (ok) s.status_on = st;
  }
  if (const auto* x = m.get("sentenced_fiscal_years")) {
    if (x->is_sequence() && x->children.size() == 2) {
      auto a = integer(x->children[0], "the first fiscal year", 1900, 2100);
      auto b = integer(x->children[1], "the last fiscal year", 1900, 2100);
      if (a && b) {
        if (*a > *b) error(*x, "the fiscal-year range runs backwards: " + std::to_string(*a) + " to " + std::to_string(*b));
        else s.sentenced_fiscal_years = std::make_pair(*a, *b);
      }
    } else {
      error(*x, "expected sentenced_fiscal_years as [first, last] such as [1992, 2021], got " + x->describe());
    }
  }
  m.done();
  return s;
}

std::optional<Distribution> Reader::distribution(const YamlNode& n, std::string_view what) {
  MapView m(*this, n, std::string(what));
  if (!m.ok()) return std::nullopt;
  const YamlNode* fixed = m.get("fixed");
  const YamlNode* uniform = m.get("uniform");
  const YamlNode* triangular = m.get("triangular");
  const YamlNode* lognormal = m.get("lognormal");
  m.done();
  const int given = (fixed != nullptr) + (uniform != nullptr) + (triangular != nullptr) + (lognormal != nullptr);
  if (given != 1) {
    error(n, "expected " + std::string(what) +
                 " as exactly one of {fixed: v}, {uniform: [low, high]}, {triangular: [low, mode, high]}, {lognormal: {median: m, sigma: s}}");
    return std::nullopt;
  }
  auto list = [&](const YamlNode& x, size_t k) -> std::optional<std::vector<double>> {
    if (!x.is_sequence() || x.children.size() != k) {
      error(x, "expected a list of " + std::to_string(k) + " numbers, got " + x.describe());
      return std::nullopt;
    }
    std::vector<double> v;
    for (const auto& c : x.children) {
      auto d = number(c, "a bound", std::nullopt);
      if (!d) return std::nullopt;
      v.push_back(*d);
    }
    for (size_t i = 1; i < v.size(); ++i)
      if (v[i] < v[i - 1]) {
        error(x, "expected the numbers in increasing order, got " + x.children[i - 1].value + " before " + x.children[i].value);
        return std::nullopt;
      }
    return v;
  };
  if (fixed) {
    if (auto v = number(*fixed, "the fixed value", std::nullopt)) return Distribution::fixed(*v);
  } else if (uniform) {
    if (auto v = list(*uniform, 2)) return Distribution::uniform((*v)[0], (*v)[1]);
  } else if (triangular) {
    if (auto v = list(*triangular, 3)) {
      if ((*v)[0] == (*v)[2]) return Distribution::fixed((*v)[0]);
      return Distribution{Distribution::Kind::triangular, (*v)[0], (*v)[1], (*v)[2]};
    }
  } else {
    MapView l(*this, *lognormal, "lognormal");
    std::optional<double> med, sig;
    if (const auto* x = l.need("median")) med = number(*x, "the median");
    if (const auto* x = l.need("sigma")) sig = number(*x, "sigma");
    l.done();
    if (med && sig) return Distribution{Distribution::Kind::lognormal, *med, *sig, 0};
  }
  return std::nullopt;
}

MapView::MapView(Reader& r, const YamlNode& node, std::string where)
    : r_(r), node_(node), where_(std::move(where)), ok_(node.is_map()) {
  if (!ok_) r_.error(node, "expected " + where_ + " as a map of keys, got " + node.describe());
}

const YamlNode* MapView::get(std::string_view key) {
  if (std::find(asked_.begin(), asked_.end(), key) == asked_.end()) asked_.emplace_back(key);
  if (!ok_) return nullptr;
  for (size_t i = 0; i < node_.map_size(); ++i)
    if (node_.key(i).value == key) return &node_.val(i);
  return nullptr;
}

const YamlNode* MapView::need(std::string_view key) {
  const YamlNode* n = get(key);
  if (!n && ok_) r_.error(node_, "missing key '" + std::string(key) + "' in " + where_);
  return n;
}

void MapView::done() {
  if (!ok_) return;
  for (size_t i = 0; i < node_.map_size(); ++i) {
    const YamlNode& k = node_.key(i);
    if (std::find(asked_.begin(), asked_.end(), k.value) == asked_.end())
      r_.error(k, "unknown key '" + k.value + "' in " + where_, did_you_mean(k.value, asked_));
  }
}

}  // namespace reliefsim
