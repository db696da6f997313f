"""Check-in at the door: the edition's door config and ticket signature check (config.py), the verdict and
the scan (scanning.py), hand-overs at a point (handover.py), the offline door's snapshot and sync
(offline.py), counts (stats.py) and the hall screen (hall.py), sign-in sheets (signin_sheets.py), the
scanner API (api.py, offline_api.py, schemas.py), staff pages (views.py, urls.py), and the demo door (demo.py)."""
