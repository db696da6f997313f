"""Units and their delegations (单位报名), the reply form (参会回执), substitutions (换人) and invitation
letters (邀请函). Tables belong to the `events` app (events.models imports this package's models)."""
