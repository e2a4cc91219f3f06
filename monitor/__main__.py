"""`monitor` and `python -m monitor`: the command line."""

import sys


def main() -> None:
    """Run the command line; a command that reads pages first starts its worker server, which
    then loads beside the command line's imports (half a second) rather than after them."""
    from monitor.crawler.workers import start_server_for_command

    start_server_for_command(sys.argv[1:])
    from monitor.faces.cli import cli

    cli()


if __name__ == "__main__":
    main()
