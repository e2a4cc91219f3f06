"""What people see: the CLI, the terminal and HTML reports, alerts, the Datasette plugin."""
