"""Every mail the agent writes: templates, wording, headers and threading."""
