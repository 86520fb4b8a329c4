// Every experiment by name: each name listed makes an experiment of that name with a declaration
// a sweep file can use (parameters with distinct names, at least one metric), each call a new
// instance (no shared caches between owners), and an unknown name makes none.
#define BOOST_TEST_MODULE experiment_registry
#include <boost/test/unit_test.hpp>
#include <set>

#include "experiment_registry.hpp"

using namespace diffsweep;

BOOST_AUTO_TEST_CASE(every_listed_name_makes_its_own_experiment) {
  const auto names = experiment_names();
  BOOST_TEST(names.size() == 3u);
  for (const std::string_view name : names) {
    const auto e = make_experiment(name);
    BOOST_REQUIRE_MESSAGE(e, name);
    BOOST_TEST(e->name() == name);
    BOOST_TEST(!e->summary().empty());
    BOOST_TEST(!e->metrics().empty(), name);
    std::set<std::string> params;
    for (const auto& p : e->params()) params.insert(p.name);
    BOOST_TEST(params.size() == e->params().size(), name << ": parameter names repeat");
    BOOST_TEST(make_experiment(name).get() != e.get());
  }
}

BOOST_AUTO_TEST_CASE(an_unknown_name_makes_none) {
  BOOST_TEST(!make_experiment("noisy"));
  BOOST_TEST(!make_experiment(""));
  BOOST_TEST(!make_experiment("Synthetic"));
}
