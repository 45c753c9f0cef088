#include "sim/law/law_snapshot.hpp"

namespace reliefsim {

std::string_view to_string(ReliefClass c) {
  switch (c) {
    case ReliefClass::automatic: return "automatic";
    case ReliefClass::petition: return "petition";
    case ReliefClass::pardon_only: return "pardon_only";
    case ReliefClass::none: return "none";
  }
  return "?";
}

std::optional<ReliefClass> parse_relief_class(std::string_view s) {
  for (ReliefClass c : {ReliefClass::automatic, ReliefClass::petition, ReliefClass::pardon_only, ReliefClass::none})
    if (to_string(c) == s) return c;
  return std::nullopt;
}

ReliefClass relief_class_of(Mechanism m) {
  if (is_automatic(m)) return ReliefClass::automatic;
  switch (m) {
    case Mechanism::petition_expungement:
    case Mechanism::petition_sealing:
    case Mechanism::petition_vacatur: return ReliefClass::petition;
    case Mechanism::blanket_pardon:
    case Mechanism::application_pardon:
    case Mechanism::certificate_on_application: return ReliefClass::pardon_only;
    default: return ReliefClass::none;
  }
}

LawSnapshot snapshot(const Jurisdiction& j, Date d) {
  LawSnapshot s;
  s.medical_since = j.medical.in_force_since(true, d);
  s.adult_use_since = j.adult_use.legal.in_force_since(true, d);
  if (s.adult_use_since) s.possession_limit_oz = j.adult_use.possession_limit.value_on(d);
  s.decriminalized_since = j.decriminalized.in_force_since(true, d);
  s.pardon_power = j.pardon_power.value_on(d);
  auto stronger = [](ReliefClass a, ReliefClass b) { return static_cast<int>(a) < static_cast<int>(b) ? a : b; };
  for (const auto& p : j.record_relief) {
    // The column is about marijuana-specific relief; clean-slate laws act in the projection.
    const bool in_force = !p.general && p.effective <= d && (!p.ends || d < *p.ends);
    if (in_force) s.record_relief = stronger(s.record_relief, relief_class_of(p.mechanism));
  }
  for (const auto& m : j.mass_pardons) {
    if (m.date > d) continue;
    s.record_relief = stronger(s.record_relief, ReliefClass::pardon_only);
    if (!s.mass_pardon_since || m.date < *s.mass_pardon_since) s.mass_pardon_since = m.date;
  }
  return s;
}

}  // namespace reliefsim
