"""A stand-in for an app that is not here yet (the strategy): a plan with goals,
installed only by the test that proves a newly registered subject works end to end."""
