#include <doctest/doctest.h>

#include "sim/law/dated_value.hpp"
#include "sim/law/possession_schedule.hpp"

using namespace reliefsim;

namespace {
Date d(const char* s) { return *Date::parse(s); }
}  // namespace

TEST_CASE("the value in force is the latest entry on or before the date") {
  DatedValue<double> limit;
  limit.entries.push_back({d("2015-02-26"), 2.0, {}, "", "", false});
  limit.entries.push_back({d("2020-01-01"), 3.0, {}, "", "", false});
  limit.entries.push_back({d("2023-01-01"), std::nullopt, {}, "", "", false});  // value: null ends it
  CHECK_FALSE(limit.value_on(d("2015-02-25")));  // before the first entry
  CHECK(*limit.value_on(d("2015-02-26")) == 2.0);  // on the day of a change
  CHECK(*limit.value_on(d("2019-12-31")) == 2.0);  // the day before the next change
  CHECK(*limit.value_on(d("2020-01-01")) == 3.0);
  CHECK_FALSE(limit.value_on(d("2023-01-01")));  // ended
}

TEST_CASE("in_force_since finds the start of an unbroken run") {
  DatedValue<bool> medical;
  medical.entries.push_back({d("1970-01-01"), false, {}, "", "", false});
  medical.entries.push_back({d("2010-07-27"), true, {}, "", "", false});
  CHECK_FALSE(medical.in_force_since(true, d("2010-07-26")));
  CHECK(medical.in_force_since(true, d("2010-07-27"))->to_string() == "2010-07-27");
  CHECK(medical.in_force_since(true, d("2022-10-06"))->to_string() == "2010-07-27");
}

TEST_CASE("a possession schedule grades an amount by its tiers, upper bounds inclusive") {
  // RSMo 579.015 from 2017-01-01: up to 10 g Class D misdemeanor, up to 35 g Class A, more a felony.
  PossessionSchedule s{{{10.0, Grade::misdemeanor, "Class D misdemeanor"},
                        {35.0, Grade::misdemeanor, "Class A misdemeanor"},
                        {std::nullopt, Grade::felony, "Class D felony"}}};
  CHECK(s.grade_for(10) == Grade::misdemeanor);
  CHECK(s.grade_for(35) == Grade::misdemeanor);
  CHECK(s.grade_for(35.02) == Grade::felony);  // beyond the 0.01 g slack for rounded bounds
}
