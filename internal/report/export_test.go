package report

// Golden is golden, for the tests of package report_test, which read a
// whole site through load and check (which report must not import).
var Golden = golden
