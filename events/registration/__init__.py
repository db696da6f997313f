"""Registration: the rules of registering and changing a registration (services.py), seats and the status
change (seats.py), the window (window.py), the private link and ticket token (links.py), what the attendee
is told (mail.py), and the public answer that is the same for a new and a registered address, with its
e-mail task (link_resend.py); the edition and registration API (api.py, schemas.py, shapes.py), the reads
(selectors.py), the organiser's pages (staff_views.py). The attendee's pages are events/public/."""
