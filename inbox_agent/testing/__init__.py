"""Embedded loopback mail servers for the test suite and `inbox-agent demo`."""
