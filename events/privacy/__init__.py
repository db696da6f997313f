"""Personal data (PIPL): the staff access log (access_log.py), the anonymisation of an ended edition
(purge.py) and its daily task (tasks.py)."""
