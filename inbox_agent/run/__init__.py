"""The agent at work: one cycle (`run_once`, cycle.py) composed of runners with one purpose each
over one shared `CycleState` (state.py): reading.py reads and disposes of new mail, due.py does
what is due, sending.py keeps the outbox and alone hands mail to SMTP. Beside them the pipeline
for one mail (pipeline.py, replies.py), the long-running service, health and status. cron,
systemd, the demo and the tests all go through `run_once`.

Imports everything below it; only the CLI stands above.
"""
