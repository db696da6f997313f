"""Every write of seating, by feature: `plans` (create a plan), `protocol` (the protocol list), `people`
(who a plan seats, in which order), `assignment` (assign, swap, the signing table)."""
