"""Badges: layout and rendering (render.py), the background job that prints an edition's badges or letters
(jobs.py, its task beside it), the job's lock and recovery (locks.py), and the staff API, pages and urls."""
