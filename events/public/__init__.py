"""The attendee's pages: the list of conferences, a series, an edition, registering, and the private link's
pages (the ticket with its service worker, cancel, the personal data export, the printable ticket). Above
`registration` and `units` (the first-visit notice of a person their unit registered), so that neither imports
the other's pages."""
