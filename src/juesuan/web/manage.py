"""``python -m juesuan.web.manage <command>``: Django's management commands for the platform."""
import os
import sys


def main() -> None:
    from . import require_django

    require_django()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "juesuan.web.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
