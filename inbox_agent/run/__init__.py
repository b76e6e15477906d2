"""The cycle and the service: reading new mail, doing what is due, sending the outbox."""
