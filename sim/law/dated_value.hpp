// DatedValue<T>: a legal value that changes over time, keyed by effective date, the way
// OpenFisca and PolicyEngine parameter files are. Stage: law.
// The value in force on a date is the entry with the latest date on or before it; an
// entry whose value is empty (`value: null` in YAML) ends the provision.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sim/base/citation.hpp"
#include "sim/base/date.hpp"

namespace reliefsim {

template <class T>
struct DatedEntry {
  Date from;
  std::optional<T> value;  ///< empty: the provision ends on `from`
  References reference;
  std::string note;
  std::string measure;  ///< the measure or bill that enacted it, where given
  bool uncertain = false;
  DatePrecision precision = DatePrecision::day;  ///< how precisely the source gives `from`
};

template <class T>
class DatedValue {
 public:
  std::string description;
  std::string unit;
  /// Entries in strictly increasing date order (the loader enforces it).
  std::vector<DatedEntry<T>> entries;

  /// The entry in force on `d`, or nullptr before the first entry.
  const DatedEntry<T>* entry_on(Date d) const {
    const DatedEntry<T>* found = nullptr;
    for (const auto& e : entries) {
      if (e.from > d) break;
      found = &e;
    }
    return found;
  }
  /// The value in force on `d`; nullopt before the first entry or after `value: null`.
  std::optional<T> value_on(Date d) const {
    const auto* e = entry_on(d);
    return e ? e->value : std::nullopt;
  }
  /// The first date from which the value has been `v` without interruption up to `d`,
  /// or nullopt when the value on `d` is not `v`. ("medical since").
  std::optional<Date> in_force_since(const T& v, Date d) const {
    std::optional<Date> since;
    for (const auto& e : entries) {
      if (e.from > d) break;
      if (e.value && *e.value == v) {
        if (!since) since = e.from;
      } else {
        since.reset();
      }
    }
    return since;
  }
};

}  // namespace reliefsim
