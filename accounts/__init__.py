"""Stronger staff sign-in: two factors (TOTP with recovery codes, django-otp) and the organisation's own
identity provider (OpenID Connect)."""
