#include "sim/law/vocabulary.hpp"

#include "sim/base/date.hpp"

namespace reliefsim {

template <>
const std::vector<std::pair<Grade, std::string_view>>& enum_names<Grade>() {
  static const std::vector<std::pair<Grade, std::string_view>> k = {
      {Grade::none, "none"}, {Grade::civil, "civil"}, {Grade::violation, "violation"},
      {Grade::misdemeanor, "misdemeanor"}, {Grade::felony, "felony"}};
  return k;
}
template <>
const std::vector<std::pair<Offense, std::string_view>>& enum_names<Offense>() {
  static const std::vector<std::pair<Offense, std::string_view>> k = {
      {Offense::possession, "possession"},
      {Offense::sale_manufacture, "sale_manufacture"},
      {Offense::possession_with_intent, "possession_with_intent"}};
  return k;
}
template <>
const std::vector<std::pair<Disposition, std::string_view>>& enum_names<Disposition>() {
  static const std::vector<std::pair<Disposition, std::string_view>> k = {
      {Disposition::conviction, "conviction"}, {Disposition::non_conviction, "non_conviction"}};
  return k;
}
template <>
const std::vector<std::pair<Citizenship, std::string_view>>& enum_names<Citizenship>() {
  static const std::vector<std::pair<Citizenship, std::string_view>> k = {
      {Citizenship::citizen, "citizen"},
      {Citizenship::lawful_permanent_resident, "lawful_permanent_resident"},
      {Citizenship::other_noncitizen, "other_noncitizen"}};
  return k;
}
template <>
const std::vector<std::pair<Mechanism, std::string_view>>& enum_names<Mechanism>() {
  static const std::vector<std::pair<Mechanism, std::string_view>> k = {
      {Mechanism::automatic_repository_sealing, "automatic_repository_sealing"},
      {Mechanism::automatic_court_expungement, "automatic_court_expungement"},
      {Mechanism::prosecutor_initiated, "prosecutor_initiated"},
      {Mechanism::petition_expungement, "petition_expungement"},
      {Mechanism::petition_sealing, "petition_sealing"},
      {Mechanism::petition_vacatur, "petition_vacatur"},
      {Mechanism::blanket_pardon, "blanket_pardon"},
      {Mechanism::application_pardon, "application_pardon"},
      {Mechanism::certificate_on_application, "certificate_on_application"},
      {Mechanism::law_change, "law_change"}};
  return k;
}
template <>
const std::vector<std::pair<PardonPower, std::string_view>>& enum_names<PardonPower>() {
  static const std::vector<std::pair<PardonPower, std::string_view>> k = {
      {PardonPower::governor_alone, "governor_alone"},
      {PardonPower::governor_board_recommendation_required,
       "governor_board_recommendation_required"},
      {PardonPower::board, "board"},
      {PardonPower::shared_other, "shared_other"},
      {PardonPower::president, "president"}};
  return k;
}
template <>
const std::vector<std::pair<Level, std::string_view>>& enum_names<Level>() {
  static const std::vector<std::pair<Level, std::string_view>> k = {
      {Level::state, "state"}, {Level::district, "district"}, {Level::federal, "federal"}};
  return k;
}

template <>
const std::vector<std::pair<SentenceStatus, std::string_view>>& enum_names<SentenceStatus>() {
  static const std::vector<std::pair<SentenceStatus, std::string_view>> k = {
      {SentenceStatus::incarcerated, "incarcerated"}, {SentenceStatus::probation, "probation"},
      {SentenceStatus::parole, "parole"}};
  return k;
}
template <>
const std::vector<std::pair<RecordSource, std::string_view>>& enum_names<RecordSource>() {
  static const std::vector<std::pair<RecordSource, std::string_view>> k = {
      {RecordSource::court_records, "court_records"}, {RecordSource::repository, "repository"}};
  return k;
}

template <>
const std::vector<std::pair<DatePrecision, std::string_view>>& enum_names<DatePrecision>() {
  static const std::vector<std::pair<DatePrecision, std::string_view>> k = {
      {DatePrecision::day, "day"}, {DatePrecision::month, "month"}, {DatePrecision::year, "year"}};
  return k;
}

bool is_automatic(Mechanism m) {
  return m == Mechanism::automatic_repository_sealing ||
         m == Mechanism::automatic_court_expungement || m == Mechanism::prosecutor_initiated;
}

bool is_pardon(Mechanism m) {
  return m == Mechanism::blanket_pardon || m == Mechanism::application_pardon ||
         m == Mechanism::certificate_on_application;
}

}  // namespace reliefsim
