"""The agent at work: one cycle (`run_once`) composed of runners with one purpose each
(read and dispose of new mail, do what is due, send the outbox), the pipeline for one mail,
the long-running service, health and status. cron, systemd, the demo and the tests all go
through `run_once`.

Imports everything below it; only the CLI stands above.
"""
