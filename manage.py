#!/usr/bin/env python
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.core.management import execute_from_command_line

    from config.database_check import unmigrated_message

    if message := unmigrated_message(sys.argv):
        print(message, file=sys.stderr)
        sys.exit(1)
    execute_from_command_line(sys.argv)
