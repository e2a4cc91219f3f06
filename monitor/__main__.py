"""`python -m monitor`: the same command as `monitor`."""

from monitor.faces.cli import cli

if __name__ == "__main__":
    cli()
