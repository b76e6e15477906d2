"""Reading what people write as a person would: quoted history, free-text data, evaluation answers."""
